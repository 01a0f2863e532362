/**
 * `s3-sentinel-chaos scenario <name> [options]` (`npm run scenario <name> [-- options]`).
 * Thin: parse → runScenario → exit code.
 *   0 passed · 1 failed expectations · 2 usage, invalid scenario, infrastructure error, interrupted
 */

import { ChaosError, describeError, UsageError } from '../../harness/errors.js';
import { runScenario } from '../../harness/run/run-scenario.js';
import { installSignalHandlers } from '../../harness/session.js';
import { listScenarios } from '../../scenarios/index.js';
import { parseRunOptions } from '../args/parse-run-options.js';
import { describeKinds } from '../support/describe-kinds.js';
import { loadScenario } from '../support/load-scenario.js';

const HELP = `Usage: s3-sentinel-chaos scenario <name | path/to/scenario.(json|ts)> [options]
       (in this repository: npm run scenario <name> [-- options])

Runs one chaos scenario against a connector build and judges it against the runbook.

Options:
  --list                   list the scenarios and exit
  --kinds                  list the expectation kinds, conditions and step actions and exit
  --target <name>          reference (default), python or container
  --connector <dir>        connector checkout for --target python|container (or CONNECTOR_DIR)
  --target-option k=v      target option, repeatable (reference: breaker fields such as
                           failure_threshold=5, recovery_timeout=60; drop_failed_batches=true, …)
  --shim NAME              python or container target shim, repeatable
  --time-scale N           run target time N× faster than wall time (default 1)
  --seed N                 seed for fault decisions and record ids (default 1)
  --replicas N             run N replicas of "run" side by side (container target; default: its manifest)
  --out <dir>              result folder (default .chaos/results)
  --alert-rules <file|dir> Prometheus rule file, PrometheusRule manifest or folder of them,
                           repeatable (default: the target's own rules); malformed: exit 2
  --scrape-interval MS     target ms between scrapes of /health, /ready, /metrics (default 1000)
  --verbose                print steps, transitions and faults as they happen
  --help                   this text

Exit codes: 0 passed, 1 failed expectations, 2 usage or infrastructure error.`;

async function main(argv: string[]): Promise<number> {
  const parsed = parseRunOptions(argv);
  if (parsed.help) {
    console.log(HELP);
    return 0;
  }
  if (parsed.kinds) {
    console.log(describeKinds());
    return 0;
  }
  if (parsed.list) {
    for (const s of listScenarios()) console.log(`${s.id.padEnd(22)} ${s.title}`);
    return 0;
  }
  if (parsed.positionals.length !== 1) {
    const got = parsed.positionals.length === 0 ? 'none' : parsed.positionals.join(' ');
    const known = listScenarios()
      .map((s) => s.id)
      .join(', ');
    throw new UsageError(
      `Failed to start: expected exactly one scenario name, got ${got}. Known scenarios: ${known}. ` +
        'Example: npm run scenario rate-limit -- --time-scale 10',
    );
  }
  const scenario = await loadScenario(parsed.positionals[0]);

  const controller = new AbortController();
  const uninstall = installSignalHandlers(controller);
  try {
    const result = await runScenario(scenario, {
      ...parsed.options,
      signal: controller.signal,
      onProgress: (line) => console.error(line),
    });
    console.error(`Result written to ${parsed.options.outDir}/${scenario.id}.json`);
    if (result.verdict === 'passed') return 0;
    if (result.verdict === 'failed') return 1;
    if (result.verdict === 'not_applicable') {
      console.error(`[chaos] not applicable: ${result.error ?? 'no reason given'}`);
      return 2;
    }
    console.error(
      `[chaos] ${result.error === 'interrupted' ? 'interrupted' : `error: ${result.error ?? 'unknown error'}`}`,
    );
    return 2;
  } finally {
    uninstall();
  }
}

/** Runs `scenario` with its arguments (after the subcommand) and returns the exit code. */
export function runScenarioCommand(argv: readonly string[]): Promise<number> {
  return main([...argv]).catch((error: unknown) => {
    console.error(`[chaos] ${describeError(error)}`);
    if (!(error instanceof ChaosError)) console.error(error instanceof Error ? error.stack : '');
    return 2;
  });
}
