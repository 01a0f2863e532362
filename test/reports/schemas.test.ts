/**
 * The published JSON Schemas (schemas/*.schema.json) against what the harness writes, with a
 * maintained validator (Ajv, draft 2020-12). A typed key list per interface makes the compiler
 * name any field added to the TypeScript type but not to the schema.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { ScenarioResultFile } from '../../harness/result/result-schema.js';
import type { GateScenarioSummary, GateSummary } from '../../reports/summary/gate-summary.js';
import { buildGateSummary } from '../../reports/summary/gate-summary.js';
import { FIXED_DATE, loadAllFixtures } from './helpers/fixtures.js';

interface JsonSchema {
  readonly $id: string;
  readonly properties: Record<string, unknown>;
  readonly required: readonly string[];
  readonly $defs: Record<string, { properties: Record<string, unknown> }>;
}
const readSchema = (name: string): JsonSchema =>
  JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8')) as JsonSchema;
const resultSchema = readSchema('result.schema.json');
const summarySchema = readSchema('gate-summary.schema.json');

const ajv = new Ajv2020({ allErrors: true, strict: true });
const validateResult = ajv.compile(resultSchema);
const validateSummary = ajv.compile(summarySchema);

const RESULT_KEYS: Record<keyof ScenarioResultFile, true> = {
  schemaVersion: true,
  scenario: true,
  title: true,
  runbookRow: true,
  target: true,
  verdict: true,
  error: true,
  startedAt: true,
  durationMs: true,
  timeScale: true,
  measuredTimeScale: true,
  seed: true,
  shims: true,
  replicas: true,
  assistance: true,
  promises: true,
  breakerServices: true,
  tags: true,
  breakerConfig: true,
  targetErrors: true,
  targetOptions: true,
  versions: true,
  expectations: true,
  transitions: true,
  ledger: true,
  faults: true,
  requestCounts: true,
  requests: true,
  samples: true,
  steps: true,
  logExcerpt: true,
  machine: true,
  operator: true,
  artifacts: true,
};
const SUMMARY_KEYS: Record<keyof GateSummary, true> = {
  schemaVersion: true,
  kind: true,
  generatedAt: true,
  harnessVersion: true,
  verdict: true,
  exitCode: true,
  suite: true,
  shard: true,
  missing: true,
  totals: true,
  scenarios: true,
  findings: true,
  promises: true,
};
const SCENARIO_SUMMARY_KEYS: Record<keyof GateScenarioSummary, true> = {
  id: true,
  title: true,
  target: true,
  verdict: true,
  error: true,
  startedAt: true,
  durationMs: true,
  timeScale: true,
  seed: true,
  shims: true,
  resultFile: true,
  expectations: true,
};

const errorsOf = (validate: typeof validateResult): string => ajv.errorsText(validate.errors, { separator: '\n' });

describe('schemas/result.schema.json', () => {
  it('is version 1 and declares every field of ScenarioResultFile', () => {
    expect(resultSchema.$id).toBe('urn:s3-sentinel-chaos:schema:result:1');
    expect(Object.keys(resultSchema.properties).sort()).toEqual(Object.keys(RESULT_KEYS).sort());
  });

  it('accepts every fixture result file', () => {
    for (const result of loadAllFixtures())
      expect(validateResult(result), `${result.scenario}: ${errorsOf(validateResult)}`).toBe(true);
  });

  it('names the field of a broken file', () => {
    const [first] = loadAllFixtures();
    const broken = { ...first, schemaVersion: 2, verdict: 'green', ledger: { ...first!.ledger, lost: -1 } };
    expect(validateResult(broken)).toBe(false);
    const text = errorsOf(validateResult);
    expect(text).toContain('/schemaVersion must be equal to constant');
    expect(text).toContain('/verdict must be equal to one of the allowed values');
    expect(text).toContain('/ledger/lost must be >= 0');
  });
});

describe('schemas/gate-summary.schema.json', () => {
  it('is version 1 and declares every field of GateSummary and its scenarios', () => {
    expect(summarySchema.$id).toBe('urn:s3-sentinel-chaos:schema:gate-summary:1');
    expect(Object.keys(summarySchema.properties).sort()).toEqual(Object.keys(SUMMARY_KEYS).sort());
    expect(Object.keys(summarySchema.$defs.scenario!.properties).sort()).toEqual(
      Object.keys(SCENARIO_SUMMARY_KEYS).sort(),
    );
  });

  it('accepts the summary of the fixtures, sharded or not', () => {
    const results = loadAllFixtures();
    const whole = buildGateSummary({ results, harnessVersion: '0.1.0', generatedAt: FIXED_DATE });
    expect(validateSummary(whole), errorsOf(validateSummary)).toBe(true);
    const shard = buildGateSummary({
      results: results.slice(0, 2),
      harnessVersion: '0.1.0',
      generatedAt: FIXED_DATE,
      shard: { index: 1, count: 2, fullSuite: results.map((r) => r.scenario) },
    });
    expect(validateSummary(shard), errorsOf(validateSummary)).toBe(true);
    expect(validateSummary({ ...whole, exitCode: 3 })).toBe(false);
  });
});
