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
  parseRunOptions(argv: string[]): { options: GateRunOptions; positionals: string[] };
  getScenario(id: string): Scenario | undefined;
  listScenarios(): Scenario[];
  runScenario(scenario: Scenario, options: GateRunOptions): Promise<ScenarioResultFile>;
}

/** The real engine: harness/run.ts, harness/cli/parse-run-options.ts and scenarios/index.ts. */
export async function loadHarnessEngine(): Promise<GateEngine> {
  const [run, parse, scenarios] = await Promise.all([
    import('../../harness/run.js'),
    import('../../harness/cli/parse-run-options.js'),
    import('../../scenarios/index.js'),
  ]);
  return {
    parseRunOptions: (argv) => parse.parseRunOptions(argv),
    getScenario: (id) => scenarios.getScenario(id),
    listScenarios: () => scenarios.listScenarios(),
    runScenario: (scenario, options) => run.runScenario(scenario, options),
  };
}
