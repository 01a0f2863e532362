import { availableParallelism, platform } from 'node:os';
import type { ScenarioResultFile } from '../../harness/result/result-schema.js';
import type { Scenario } from '../../harness/scenario/types.js';

export interface ErroredResultInput {
  readonly scenario: Pick<Scenario, 'id' | 'title' | 'runbookRow'>;
  readonly target: string;
  readonly error: string;
  readonly startedAt: Date;
  readonly durationMs: number;
  readonly timeScale: number;
  readonly seed: number;
  readonly shims: readonly string[];
  readonly targetOptions: Readonly<Record<string, string>>;
  readonly harnessVersion: string;
}

/**
 * A result file for a scenario whose run threw before the engine could write one, so the
 * JUnit, summary, merge and report still show it (as an error) instead of silently missing it.
 */
export function buildErroredResult(input: ErroredResultInput): ScenarioResultFile {
  return {
    schemaVersion: 1,
    scenario: input.scenario.id,
    title: input.scenario.title,
    runbookRow: input.scenario.runbookRow,
    target: input.target,
    verdict: 'error',
    error: input.error,
    startedAt: input.startedAt.toISOString(),
    durationMs: input.durationMs,
    timeScale: input.timeScale,
    seed: input.seed,
    shims: [...input.shims],
    targetOptions: { ...input.targetOptions },
    versions: { harness: input.harnessVersion, target: {}, sdks: {} },
    expectations: [],
    transitions: [],
    ledger: {
      seeded: 0,
      delivered: 0,
      duplicates: 0,
      inFailedBatches: 0,
      replayed: 0,
      lost: 0,
      lostIds: [],
      rejected: 0,
    },
    faults: [],
    requestCounts: {},
    requests: [],
    samples: [],
    logExcerpt: [],
    machine: { platform: platform(), cpus: availableParallelism(), node: process.version },
  };
}
