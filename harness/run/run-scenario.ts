/**
 * The scenario engine: runs one connector build against the fakes on a timeline, watches it, and
 * judges it. Named phases over one RunContext; everything a phase starts is registered with the
 * run's session and torn down on pass, fail, timeout, error and Ctrl-C.
 *
 *   start fakes ─▶ prepare target ─▶ observe ─▶ execute timeline ─▶ settle
 *        (any failure: verdict `error`, with what was seen so far)      │
 *                                                                       ▼
 *               evaluate alerts (promtool) ─▶ evaluate ─▶ tear down (reverse order) ─▶ write result
 *
 * Times: scenario times are TARGET ms from the moment the target is ready; wall time is target
 * time divided by the time scale. Result times are target ms from the same zero.
 */
import { describeError } from '../errors.js';
import type { ResultArtifacts, ScenarioResultFile } from '../result/result-schema.js';
import type { Scenario } from '../scenario/types.js';
import type { PreparedTarget } from '../targets/target.js';
import { createRunContext } from './create-run-context.js';
import { runPhase } from './phase.js';
import { type Evaluation, evaluatePhase } from './phases/evaluate.js';
import { evaluateAlertsPhase } from './phases/evaluate-alerts.js';
import { executeTimelinePhase } from './phases/execute-timeline.js';
import { observePhase } from './phases/observe.js';
import { failedOutcome, type PhasesOutcome } from './phases/outcome.js';
import { prepareTargetPhase } from './phases/prepare-target.js';
import { settlePhase } from './phases/settle.js';
import { startFakesPhase } from './phases/start-fakes.js';
import { writeResultPhase } from './phases/write-result.js';
import type { RunContext } from './run-context.js';
import type { RunOptions } from './run-options.js';

export { formatVerdictTable } from './progress.js';
export type { RunOptions } from './run-options.js';
export { DEFAULT_OUT_DIR } from './run-options.js';

/**
 * Runs `scenario` and writes `<outDir>/<id>.json`, with the full target log and journal streamed
 * to `<outDir>/<id>.target.log` and `<outDir>/<id>.journal.ndjson` as the run goes. Throws only
 * before anything starts (InvalidScenarioError, UsageError) or for a usage error found while
 * preparing the target (after teardown); every other problem becomes verdict `error` in the file.
 *
 * @example
 * const result = await runScenario(getScenario('rate-limit')!, { target: 'reference', targetOptions: {},
 *   shims: [], timeScale: 10, seed: 1, outDir: '.chaos/results', verbose: false });
 * result.verdict // 'passed' | 'failed' | 'error'
 */
export async function runScenario(input: Scenario, options: RunOptions): Promise<ScenarioResultFile> {
  const ctx = await createRunContext(input, options);
  const outcome = await runUntilSettled(ctx);
  if (outcome.verdict !== 'not_applicable')
    await runPhase(ctx.bus, 'evaluate alerts', () => evaluateAlertsPhase(ctx)).catch((error: unknown) =>
      ctx.progress(`[chaos] Failed to evaluate alert rules: ${describeError(error)}`),
    );
  const evaluation = await runPhase(ctx.bus, 'evaluate', async () => evaluatePhase(ctx, outcome));
  const judged = await tearDown(ctx, evaluation);
  // Closed after teardown: the target's last log records arrive while it is being stopped.
  const artifacts: ResultArtifacts | null = (await ctx.artifacts?.close().catch(() => null)) ?? null;
  if (ctx.artifacts && !artifacts)
    ctx.progress(
      '[chaos] Failed to write the evidence files (target log, journal); the result file does not list them.',
    );
  if (outcome.verdict === 'error' && outcome.usageError) {
    await ctx.artifacts?.discard().catch(() => undefined);
    throw outcome.usageError;
  }
  return runPhase(ctx.bus, 'write result', () => writeResultPhase(ctx, outcome, judged, artifacts));
}

async function runUntilSettled(ctx: RunContext): Promise<PhasesOutcome> {
  const reached: { prepared?: PreparedTarget } = {};
  try {
    const withFakes = await runPhase(ctx.bus, 'start fakes', () => startFakesPhase(ctx));
    const withTarget = await runPhase(ctx.bus, 'prepare target', () => prepareTargetPhase(withFakes));
    reached.prepared = withTarget.prepared;
    const observed = await runPhase(ctx.bus, 'observe', () => observePhase(withTarget));
    try {
      await runPhase(ctx.bus, 'execute timeline', () => executeTimelinePhase(observed));
      await runPhase(ctx.bus, 'settle', () => settlePhase(observed));
    } finally {
      // Whatever ended the timeline, the directory is read once more before judging.
      await observed.watcher.stop().catch(() => undefined);
    }
    return { verdict: 'passed', prepared: withTarget.prepared };
  } catch (error) {
    ctx.timeline.abort(error);
    return failedOutcome(ctx, error, reached.prepared);
  }
}

/** Disposes everything the run started; a teardown problem turns a verdict into `error`. */
async function tearDown(ctx: RunContext, evaluation: Evaluation): Promise<Evaluation> {
  try {
    await ctx.session.dispose();
    return evaluation;
  } catch (error) {
    ctx.progress(`[chaos] teardown problem: ${describeError(error)}`);
    if (evaluation.verdict === 'error') return evaluation;
    return { ...evaluation, verdict: 'error', error: `Failed to tear down cleanly: ${describeError(error)}` };
  }
}
