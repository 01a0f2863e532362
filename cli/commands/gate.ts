/**
 * `s3-sentinel-chaos gate [options]` (`npm run gate [-- options]`): the CI resilience gate.
 * Thin: parse, call runGate or mergeShardOutputs, set the exit code (0 all passed, 1 an
 * expectation failed, 2 usage or infrastructure error).
 */

import { appendFile } from 'node:fs/promises';
import { loadHarnessEngine } from '../../reports/gate/gate-engine.js';
import { mergeShardOutputs } from '../../reports/gate/merge-shards.js';
import { runGate } from '../../reports/gate/run-gate.js';
import { describeTags } from '../../reports/gate-suite.js';
import { readHarnessVersion } from '../../reports/harness-version.js';
import { GateUsageError } from '../../reports/report-error.js';
import type { GateSummary } from '../../reports/summary/gate-summary.js';
import { renderStepSummary } from '../../reports/summary/step-summary.js';
import { parseGateArgs } from '../args/parse-gate-args.js';
import { parseRunOptions } from '../args/parse-run-options.js';
import { reportCliError } from '../support/cli-errors.js';

export const GATE_HELP = (tagLines: readonly string[]): string => `Usage: s3-sentinel-chaos gate [options] [run options]
       (in this repository: npm run gate -- [options] [run options])

Runs the resilience gate suite and writes JUnit XML and a JSON summary.

Gate options:
  --scenarios a,b,c   run exactly these scenarios (default: every registered scenario)
  --tag t[,t…]        run the scenarios carrying any of these tags (repeatable); tags:
${tagLines.map((line) => `                        ${line}`).join('\n')}
  --shard i/n         run shard i of n: ids sorted, dealt round-robin (k-th id → shard k mod n + 1)
  --merge <dir…>      merge finished shard out dirs into the out dir; runs nothing
  --concurrency N     scenarios at once (default: 2 on the reference target, 1 on python)
  --step-summary <f>  append the findings-first Markdown summary to file f (in GitHub Actions:
                      --step-summary "$GITHUB_STEP_SUMMARY"); also with --merge
  -h, --help          this help

Run options: every option of npm run scenario (target, connector dir, target options, shims,
time scale, seed, out dir, verbose) is passed through unchanged.

Writes: <out>/<scenario>.json (per scenario), <out>/junit/junit.xml, <out>/json/summary.json
        (schemas/result.schema.json, schemas/gate-summary.schema.json)
Exit:   0 all expectations passed; 1 an expectation failed (even in an errored scenario);
        2 usage error, infrastructure error, or a scenario without a result.
`;

/** Appends the step summary when `--step-summary` was given (GitHub's file is shared by every step). */
async function appendStepSummary(
  path: string | undefined,
  summary: GateSummary,
  progress: (line: string) => void,
): Promise<void> {
  if (path === undefined) return;
  await appendFile(path, renderStepSummary(summary));
  progress(`gate: wrote the step summary to ${path}`);
}

export async function runGateCommand(argv: readonly string[]): Promise<number> {
  try {
    const args = parseGateArgs(argv);
    if (args.help) {
      const { listScenarios } = await import('../../scenarios/index.js');
      process.stdout.write(GATE_HELP(describeTags(listScenarios())));
      return 0;
    }
    const progress = (line: string): void => void process.stdout.write(`${line}\n`);
    const harnessVersion = await readHarnessVersion();
    const engine = await loadHarnessEngine();
    const { options, positionals } = parseRunOptions([...args.runArgs]);
    if (args.merge) {
      const outcome = await mergeShardOutputs({
        dirs: args.merge,
        outDir: options.outDir,
        harnessVersion,
        onProgress: progress,
      });
      await appendStepSummary(args.stepSummary, outcome.summary, progress);
      return outcome.exitCode;
    }
    if (positionals.length > 0) {
      throw new GateUsageError(
        `Failed to parse arguments: unexpected ${positionals.join(' ')}. Use --scenarios a,b,c to choose scenarios.`,
      );
    }
    const abort = new AbortController();
    const onSignal = (): void => {
      if (abort.signal.aborted) process.exit(2);
      progress('gate: interrupted; stopping running scenarios (press Ctrl-C again to exit at once)');
      abort.abort();
    };
    process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
    try {
      const outcome = await runGate({
        engine,
        run: { ...options, signal: abort.signal },
        harnessVersion,
        onProgress: progress,
        ...(args.scenarios ? { scenarios: args.scenarios } : {}),
        ...(args.tags ? { tags: args.tags } : {}),
        ...(args.shard ? { shard: args.shard } : {}),
        ...(args.concurrency !== undefined ? { concurrency: args.concurrency } : {}),
      });
      await appendStepSummary(args.stepSummary, outcome.summary, progress);
      return abort.signal.aborted ? 2 : outcome.exitCode;
    } finally {
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    }
  } catch (error) {
    return reportCliError(error);
  }
}
