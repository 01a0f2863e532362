import { count } from '../../../common/validation/index.js';
import { defineExpectationKind } from '../define-expectation-kind.js';

const SHOWN = 5;

/**
 * Every delivered record equals its source, through the target's own declared schema: declared
 * renames, type coercions and metadata columns are allowed, anything else is an alteration, and a
 * declared column that did not arrive is a missing field. Replayed records count like any other:
 * a batch that comes back from a failed-batch file must come back as it was.
 */
export const recordsUnaltered = defineExpectationKind({
  kind: 'records_unaltered',
  summary: "Delivered records equal their source through the target's declared schema (no undeclared change).",
  fields: { maxAltered: count(), maxMissingFields: count() },
  evaluate(spec, ctx) {
    const integrity = ctx.ledger.integrity;
    const name = 'records arrive unaltered';
    if (!integrity) {
      const observed = 'not measured: the target declared no record schema';
      return { name, passed: false, expected: 'a declared schema to compare with', observed, evidence: [] };
    }
    const maxAltered = spec.maxAltered ?? 0;
    const maxMissing = spec.maxMissingFields ?? 0;
    const evidence = [
      `schema: ${integrity.schema}`,
      `intact ${integrity.intact}, altered ${integrity.altered}, missing fields ${integrity.missingFields}, ` +
        `stored ${integrity.stored}, lost ${integrity.lost}, unidentified deliveries ${integrity.unidentified}`,
      ...integrity.alteredSamples.slice(0, SHOWN).map((s) => `record ${s.id}: ${s.diffs.join('; ')}`),
      ...integrity.missingSamples.slice(0, SHOWN).map((s) => `record ${s.id} arrived without ${s.columns.join(', ')}`),
    ];
    return {
      name,
      passed: integrity.altered <= maxAltered && integrity.missingFields <= maxMissing,
      expected: { altered: `≤ ${maxAltered}`, missingFields: `≤ ${maxMissing}` },
      observed: { altered: integrity.altered, missingFields: integrity.missingFields, intact: integrity.intact },
      evidence,
    };
  },
});
