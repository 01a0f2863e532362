/**
 * The gate suite: every registered scenario by default, or those carrying any of the `--tag`s
 * given (`npm run gate -- --tag quick`), or exactly the `--scenarios` listed. Tags live on the
 * scenarios themselves (harness/domain/scenario-tags.ts), so no list here goes stale.
 */
import { SCENARIO_TAG_NAMES, SCENARIO_TAGS } from '../harness/domain/scenario-tags.js';
import type { Scenario } from '../harness/scenario/types.js';
import { GateUsageError } from './report-error.js';

export interface SuiteSelection {
  readonly scenarios?: readonly string[];
  readonly tags?: readonly string[];
}

/**
 * Ids to run, sorted. Throws GateUsageError for an unknown id or tag, or a tag no scenario has.
 * @example resolveSuite(listScenarios(), { tags: ['quick'] })
 */
export function resolveSuite(all: readonly Scenario[], selection: SuiteSelection): string[] {
  const known = all.map((s) => s.id).sort();
  if (selection.scenarios) {
    const unknown = selection.scenarios.filter((id) => !known.includes(id));
    if (unknown.length > 0)
      throw new GateUsageError(
        `Failed to resolve the gate suite: unknown scenario(s) ${unknown.join(', ')}. ` +
          `Known scenarios: ${known.join(', ') || 'none'}.`,
      );
    return [...new Set(selection.scenarios)].sort();
  }
  if (!selection.tags) return known;
  const unknownTags = selection.tags.filter((t) => !(t in SCENARIO_TAGS));
  if (unknownTags.length > 0)
    throw new GateUsageError(
      `Failed to resolve the gate suite: unknown tag(s) ${unknownTags.join(', ')}. ` +
        `Known tags: ${SCENARIO_TAG_NAMES.join(', ')}.`,
    );
  const wanted = new Set(selection.tags);
  const chosen = all.filter((s) => s.tags.some((t) => wanted.has(t))).map((s) => s.id);
  if (chosen.length === 0)
    throw new GateUsageError(
      `Failed to resolve the gate suite: no scenario carries tag(s) ${selection.tags.join(', ')}.`,
    );
  return chosen.sort();
}

/** `quick  a fast cross-section … (baseline, rate-limit)` lines for `--help`. */
export function describeTags(all: readonly Scenario[]): string[] {
  return SCENARIO_TAG_NAMES.map((tag) => {
    const ids = all.filter((s) => s.tags.includes(tag)).map((s) => s.id);
    return `${tag.padEnd(10)} ${SCENARIO_TAGS[tag]} (${ids.join(', ') || 'none yet'})`;
  });
}
