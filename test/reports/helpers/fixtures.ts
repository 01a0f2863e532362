import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScenarioResultFile } from '../../../harness/result/result-schema.js';
import type { Scenario } from '../../../harness/scenario/types.js';
import type { GateEngine, GateRunOptions } from '../../../reports/gate/gate-engine.js';
import { validateResultFile } from '../../../reports/results/validate-result-file.js';

export const FIXTURES_DIR = new URL('../fixtures/', import.meta.url).pathname;
/** passing, failing with evidence, errored, network faults + shims. */
export const FIXTURE_IDS = ['auth-failure', 'keyvault-network', 'rate-limit', 'sentinel-outage'] as const;
export const FIXED_DATE = new Date('2026-11-27T05:00:00.000Z');

export function loadFixture(id: string): ScenarioResultFile {
  const path = join(FIXTURES_DIR, `${id}.json`);
  return validateResultFile(JSON.parse(readFileSync(path, 'utf8')), path);
}

export const loadAllFixtures = (): ScenarioResultFile[] => FIXTURE_IDS.map(loadFixture);

/** A temp dir removed by `await using`. */
export async function tempDir(prefix = 'chaos-reports-'): Promise<{ path: string } & AsyncDisposable> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, [Symbol.asyncDispose]: () => rm(path, { recursive: true, force: true }) };
}

export function fixtureScenario(id: string): Scenario {
  const result = loadFixture(id);
  return {
    id,
    title: result.title,
    description: 'fixture',
    tags: ['quick'],
    runbookRow: result.runbookRow,
    seed: { records: 1 },
    deadlineMs: 1_000,
    steps: [],
    expectations: [],
  };
}

export interface FixtureEngine extends GateEngine {
  readonly ran: string[];
  maxInFlight: number;
}

/**
 * A GateEngine over the fixture results, to test the gate's orchestration (selection, shards,
 * concurrency, exit codes, writers) without a live run. `throwFor` ids make runScenario
 * reject, like a crashed engine. The live engine is covered by gate-e2e.test.ts.
 */
export function createFixtureEngine(
  options: { ids?: readonly string[]; throwFor?: readonly string[] } = {},
): FixtureEngine {
  const ids = options.ids ?? FIXTURE_IDS;
  let inFlight = 0;
  const engine: FixtureEngine = {
    ran: [],
    maxInFlight: 0,
    // The reference target is parallel-safe; fixture runs behave like it.
    isParallelSafe: async (run) => run.target === 'reference',
    getScenario: (id) => (ids.includes(id) ? fixtureScenario(id) : undefined),
    listScenarios: () => ids.map(fixtureScenario),
    async runScenario(scenario, run) {
      inFlight++;
      engine.maxInFlight = Math.max(engine.maxInFlight, inFlight);
      try {
        // Yield so that every worker of the pool has started before any finishes.
        await new Promise((resolve) => setImmediate(resolve));
        engine.ran.push(scenario.id);
        run.onProgress?.('fixture run');
        if (options.throwFor?.includes(scenario.id))
          throw new Error(`Failed to start target: fixture crash for ${scenario.id}. Check the fixture.`);
        const result = loadFixture(scenario.id);
        await writeFile(join(run.outDir, `${scenario.id}.json`), JSON.stringify(result, null, 2));
        return result;
      } finally {
        inFlight--;
      }
    },
  };
  return engine;
}

export function defaultRunOptions(outDir: string, target = 'reference'): GateRunOptions {
  return { target, targetOptions: {}, shims: [], timeScale: 10, seed: 42, outDir, verbose: false };
}
