/**
 * What the gate needs from the scenario engine (CONTRACTS.md §6), as an interface so the gate's
 * orchestration (selection, sharding, concurrency, exit codes) is testable without a live run,
 * and so the engine modules load only when a gate actually runs scenarios (`--merge` needs none).
 */
import type { ScenarioResultFile } from '../../harness/result/result-schema.js';
import type { RunOptions } from '../../harness/run/run-options.js';
import type { Scenario } from '../../harness/scenario/types.js';

/** `RunOptions` of harness/run.ts (CONTRACTS.md §6). */
export type GateRunOptions = RunOptions;

export interface GateEngine {
  /** Whether the run options' target may run several scenarios at once (Target.parallelSafe). */
  isParallelSafe(run: GateRunOptions): Promise<boolean>;
  getScenario(id: string): Scenario | undefined;
  listScenarios(): Scenario[];
  runScenario(scenario: Scenario, options: GateRunOptions): Promise<ScenarioResultFile>;
}

/** The real engine: the scenario engine, the target registry and the scenario registry. */
export async function loadHarnessEngine(): Promise<GateEngine> {
  const [run, targets, scenarios] = await Promise.all([
    import('../../harness/run/run-scenario.js'),
    import('../../harness/targets/index.js'),
    import('../../scenarios/index.js'),
  ]);
  return {
    async isParallelSafe(options) {
      const dir = options.connectorDir;
      return (await targets.resolveTarget(options.target, dir !== undefined ? { connectorDir: dir } : {})).parallelSafe;
    },
    getScenario: (id) => scenarios.getScenario(id),
    listScenarios: () => scenarios.listScenarios(),
    runScenario: (scenario, options) => run.runScenario(scenario, options),
  };
}
