/**
 * The scenario engine: runs one connector build against the fakes on a timeline, watches it,
 * and judges it. Everything it starts is registered with a session and torn down on pass,
 * fail, timeout, error and Ctrl-C.
 *
 *   validate ─▶ start fakes (port 0, per-run CA, seed, scale) ─▶ bucket + records + secret
 *      │                                                           │
 *      │                      (network faults: toxiproxy) ◀────────┘
 *      ▼
 *   scratch workDir ─▶ target.prepare ─▶ launch `run` ─▶ wait: health URL, GET /health 200
 *      │
 *      ▼                         ┌── journal, ingest store ──┐
 *   timeline (steps, arrivals) ──┤   target log records      ├─▶ ONE event bus ─▶ live state ─▶ progress
 *      │                         │   failed-batch dir watch  │                 └▶ (after) ledger + expectations
 *      ▼                         └── /health /ready /metrics ┘
 *   stop target ─▶ final rescan ─▶ evaluate ─▶ teardown (reverse order) ─▶ <outDir>/<id>.json
 *
 * Times: scenario times are TARGET ms from the moment the target is ready; wall time is target
 * time divided by the time scale. Result times are target ms from the same zero.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type StartedFakes, startFakes } from '../fakes/index.js';
import { ChaosError, describeError, InfrastructureError, InterruptedError, UsageError } from './errors.js';
import { createEvaluationContext } from './expectations/evaluation-context.js';
import { evaluateExpectations } from './expectations/index.js';
import { computeLedger } from './ledger.js';
import { createBreakerTracker } from './observe/breaker-tracker.js';
import { createEventBus } from './observe/event-bus.js';
import { observeFakes } from './observe/observe-fakes.js';
import { pollHealth } from './observe/poll-health.js';
import { watchFailedBatches } from './observe/watch-failed-batches.js';
import { buildResult } from './result/build-result.js';
import type {
  ResultArtifacts,
  ResultExpectation,
  ResultSample,
  ScenarioResultFile,
  Verdict,
} from './result/result-schema.js';
import { scheduleArrivals } from './run/arrivals.js';
import { executeTimeline } from './run/execute-timeline.js';
import { createLiveState } from './run/live-state.js';
import { formatProgress, formatVerdictTable } from './run/progress.js';
import { openRunArtifacts, type RunArtifacts } from './run/run-artifacts.js';
import {
  RUN_BUCKET,
  RUN_PREFIX,
  RUN_RULE_ID,
  RUN_SECRET_NAME,
  RUN_SECRET_VALUE,
  RUN_STREAM,
} from './run/run-constants.js';
import type { RunOptions } from './run/run-options.js';
import { seedRecords } from './run/seed-records.js';
import { createStepActions } from './run/step-actions.js';
import { createTargetController } from './run/target-controller.js';
import { describeForVerbose } from './run/verbose.js';
import { readHarnessVersion } from './run/versions.js';
import type { Scenario } from './scenario/types.js';
import { assertValidScenario } from './scenario/validate-scenario.js';
import { createSession } from './session.js';
import { describeShimsBanner, resolveTarget } from './targets/index.js';
import type { PreparedTarget, TargetContext } from './targets/target.js';

export { formatVerdictTable } from './run/progress.js';
export type { RunOptions } from './run/run-options.js';
export { DEFAULT_OUT_DIR } from './run/run-options.js';

const DEFAULT_POLL_INTERVAL_MS = 1_000;

/**
 * Runs `scenario` and writes `<outDir>/<id>.json`, with the full target log and journal streamed
 * to `<outDir>/<id>.target.log` and `<outDir>/<id>.journal.ndjson` as the run goes. Throws only before anything starts
 * (InvalidScenarioError, UsageError); every later problem becomes verdict `error` in the file.
 *
 * @example
 * const result = await runScenario(getScenario('rate-limit')!, { target: 'reference', targetOptions: {}, shims: [], timeScale: 10, seed: 1, outDir: '.chaos/results', verbose: false });
 * result.verdict // 'passed' | 'failed' | 'error'
 */
export async function runScenario(input: Scenario, options: RunOptions): Promise<ScenarioResultFile> {
  const scenario = assertValidScenario(input);
  if (!(options.timeScale > 0) || !Number.isFinite(options.timeScale))
    throw new UsageError(`Failed to run: --time-scale must be a finite number > 0, got ${options.timeScale}.`);
  if (!Number.isSafeInteger(options.seed))
    throw new UsageError(`Failed to run: --seed must be an integer, got ${options.seed}.`);
  const progress = options.onProgress ?? (() => undefined);
  const target = await resolveTarget(options.target, {
    ...(options.connectorDir !== undefined ? { connectorDir: options.connectorDir } : {}),
    onProgress: progress,
  });
  // Only the python target takes shims (the others reject them in prepare); a shimmed run does
  // not test the unmodified build, so it says so before it starts and above its verdict.
  const shimsBanner = target.name === 'python' ? await describeShimsBanner(options.shims) : null;
  if (shimsBanner) progress(shimsBanner);
  const targetOptions = { ...(scenario.targetOptions ?? {}), ...options.targetOptions };
  const startedAt = new Date();
  const startedWall = Date.now();
  const session = createSession(options.signal ? { signal: options.signal } : {});
  const bus = createEventBus({ timeScale: options.timeScale });
  if (options.onEvent) bus.subscribe(options.onEvent);
  if (options.verbose) bus.subscribe((event) => describeForVerbose(event, progress));
  const samples: ResultSample[] = [];
  let prepared: PreparedTarget | undefined;
  let verdict: Verdict = 'error';
  let errorText: string | undefined;
  let expectations: ResultExpectation[] = [];
  let stopWatcher: (() => Promise<void>) | undefined;
  let usageError: UsageError | undefined;
  let artifacts: RunArtifacts | undefined;
  // Aborted by Ctrl-C, the deadline, or teardown: stops the timeline and the arrivals.
  const timeline = new AbortController();
  session.signal.addEventListener('abort', () => timeline.abort(session.signal.reason), { once: true });
  session.defer('timeline', () => timeline.abort(new InterruptedError('run ended')));

  try {
    // ---------------------------------------------------------------- evidence files
    // Opened before anything starts, so no log record or request is missed; they are evidence
    // next to the verdict, not the verdict itself: a run goes on without them.
    try {
      artifacts = await openRunArtifacts(bus, options.outDir, scenario.id);
    } catch (error) {
      progress(
        `[chaos] Failed to open the evidence files in ${options.outDir}: ${describeError(error)}. The run goes on without them; check that the output directory is writable.`,
      );
    }

    // ---------------------------------------------------------------- fakes and seed data
    let fakes: StartedFakes;
    try {
      fakes = session.add('fakes', await startFakes({ seed: options.seed, timeScale: options.timeScale }), (f) =>
        f.stop(),
      );
    } catch (error) {
      throw new InfrastructureError(
        `Failed to start the fakes: ${describeError(error)}. Check that loopback ports can be bound and run npm run setup.`,
        { cause: error },
      );
    }
    bus.emit({ type: 'fakes:started', endpoints: { ...fakes.endpoints } });
    fakes.s3.createBucket(RUN_BUCKET);
    const initial = seedRecords(fakes.s3, RUN_BUCKET, RUN_PREFIX, options.seed, 1, scenario.seed.records);
    fakes.keyVault.setSecret(RUN_SECRET_NAME, RUN_SECRET_VALUE);
    bus.emit({ type: 'run:started', scenario: scenario.id });
    bus.emit({ type: 'seed:put', recordIds: initial.recordIds, keys: initial.keys });

    // ---------------------------------------------------------------- network faults (optional)
    let endpoints: TargetContext['endpoints'] = fakes.endpoints;
    let fakesEnv: Readonly<Record<string, string>> = fakes.env;
    let network: Awaited<ReturnType<typeof import('./network/index.js').startNetworkFaults>> | undefined;
    if (scenario.networkServices && scenario.networkServices.length > 0) {
      const { startNetworkFaults } = await import('./network/index.js');
      network = session.add(
        'network faults',
        await startNetworkFaults({
          services: scenario.networkServices,
          endpoints: fakes.endpoints,
          timeScale: options.timeScale,
          seed: options.seed,
        }),
        (n) => n.stop(),
      );
      endpoints = network.endpoints;
      fakesEnv = network.env(fakes.env);
    }

    // ---------------------------------------------------------------- target
    const workDir = await mkdtemp(join(tmpdir(), `chaos-${scenario.id}-`));
    session.defer(`work dir ${workDir}`, () => rm(workDir, { recursive: true, force: true }));
    const context: TargetContext = {
      workDir,
      fakesEnv,
      endpoints,
      bucket: RUN_BUCKET,
      prefix: RUN_PREFIX,
      ruleId: RUN_RULE_ID,
      stream: RUN_STREAM,
      secretName: RUN_SECRET_NAME,
      timeScale: options.timeScale,
      seed: options.seed,
      options: targetOptions,
      shims: options.shims,
      pollIntervalMs: scenario.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
    };
    try {
      prepared = session.add('prepared target', await target.prepare(context), (p) => p[Symbol.asyncDispose]());
    } catch (error) {
      if (error instanceof ChaosError) throw error;
      throw new InfrastructureError(`Failed to prepare target "${target.name}": ${describeError(error)}`, {
        cause: error,
      });
    }

    // ---------------------------------------------------------------- observation
    const tracker = createBreakerTracker();
    const live = createLiveState(bus);
    session.defer('live state', () => live.dispose());
    const controller = createTargetController(prepared, bus, tracker, session);
    session.defer('target processes', () => controller.stopAll());
    const unobserveFakes = observeFakes(fakes, bus, {
      // The fakes run on wall time (epoch ms): convert to target ms from time zero.
      toRunMs: (epochMs) => (epochMs - bus.wallOrigin()) * options.timeScale,
      isReplaying: () => controller.isReplaying(),
    });
    session.defer('fake observers', unobserveFakes);
    const watcher = watchFailedBatches(prepared.failedBatchesDir, bus);
    stopWatcher = () => watcher.stop();
    session.defer('failed-batch watcher', () => watcher.stop());

    // ---------------------------------------------------------------- start and timeline
    await controller.start();
    bus.rebase();
    artifacts?.markTimeZero();
    const health = pollHealth(() => (controller.isRunUp() && !live.runExited() ? prepared!.healthUrl() : null), bus, {
      intervalMs: Math.min(1_000, Math.max(100, 1_000 / options.timeScale)),
    });
    session.defer('health poller', () => health.stop());
    const ticker = setInterval(() => {
      samples.push({
        atMs: Math.round(bus.nowMs()),
        failedBatchFiles: live.waitingFiles(),
        deliveredRecords: live.delivered.size,
        breakerStates: live.breakerStates(),
      });
      progress(formatProgress(bus.nowMs(), bus.wallNowMs(), live, options.timeScale));
    }, 1_000);
    session.defer('progress ticker', () => clearInterval(ticker));

    const deadlineWallMs = scenario.deadlineMs / options.timeScale;
    const deadline = setTimeout(
      () =>
        timeline.abort(
          new InfrastructureError(
            `Failed to finish scenario "${scenario.id}" within its deadline of ${scenario.deadlineMs} ms (target; ${Math.round(deadlineWallMs)} ms wall). Raise deadlineMs or check the step timeouts.`,
          ),
        ),
      deadlineWallMs,
    );
    session.defer('deadline timer', () => clearTimeout(deadline));
    const arrivals = scheduleArrivals(scenario.seed.arrivals ?? [], {
      s3: fakes.s3,
      bucket: RUN_BUCKET,
      prefix: RUN_PREFIX,
      seed: options.seed,
      firstN: scenario.seed.records + 1,
      bus,
      originMs: 0,
      signal: timeline.signal,
    });

    await executeTimeline(scenario.steps, {
      bus,
      state: live,
      actions: createStepActions(fakes, network, controller, bus),
      signal: timeline.signal,
      originMs: 0,
      deadlineMs: scenario.deadlineMs,
    });
    await arrivals;
    await health.stop();
    await controller.stop();
    await watcher.rescan();
    verdict = 'passed';
  } catch (error) {
    timeline.abort(error);
    // A bad --target-option surfaces in target.prepare: a usage error, rethrown after teardown.
    if (error instanceof UsageError) usageError = error;
    verdict = 'error';
    errorText =
      session.signal.aborted && !(error instanceof InfrastructureError) ? 'interrupted' : describeError(error);
    if (error instanceof InterruptedError) errorText = 'interrupted';
  }

  // ------------------------------------------------------------------ evaluate, tear down, write
  await stopWatcher?.().catch(() => undefined);
  const ledger = computeLedger(bus.events());
  const ctx = createEvaluationContext(bus.events(), ledger);
  try {
    expectations = evaluateExpectations(scenario.expectations, ctx);
  } catch (error) {
    timeline.abort(error);
    // A bad --target-option surfaces in target.prepare: a usage error, rethrown after teardown.
    if (error instanceof UsageError) usageError = error;
    verdict = 'error';
    errorText = `Failed to evaluate expectations: ${describeError(error)}`;
  }
  if (verdict === 'passed' && expectations.some((e) => !e.passed)) verdict = 'failed';
  try {
    await session.dispose();
  } catch (error) {
    progress(`[chaos] teardown problem: ${describeError(error)}`);
    if (verdict !== 'error') {
      verdict = 'error';
      errorText = `Failed to tear down cleanly: ${describeError(error)}`;
    }
  }
  // Closed after teardown: the target's last log records arrive while it is being stopped.
  const artifactFiles: ResultArtifacts | null = (await artifacts?.close().catch(() => null)) ?? null;
  if (artifacts && !artifactFiles)
    progress('[chaos] Failed to write the evidence files (target log, journal); the result file does not list them.');
  if (usageError) {
    await artifacts?.discard().catch(() => undefined);
    throw usageError;
  }
  const result = buildResult({
    scenario,
    target: prepared?.name ?? target.name,
    verdict,
    ...(errorText !== undefined ? { error: errorText } : {}),
    startedAt,
    durationMs: Date.now() - startedWall,
    timeScale: options.timeScale,
    seed: options.seed,
    shims: options.shims,
    targetOptions,
    versions: {
      harness: await readHarnessVersion(),
      target: prepared?.versions.target ?? {},
      sdks: prepared?.versions.sdks ?? {},
    },
    expectations,
    ctx,
    samples,
    ...(artifactFiles ? { artifacts: artifactFiles } : {}),
  });
  await mkdir(options.outDir, { recursive: true });
  await writeFile(join(options.outDir, `${scenario.id}.json`), `${JSON.stringify(result, null, 2)}\n`);
  progress(formatVerdictTable(result, shimsBanner ? { banner: shimsBanner } : {}));
  return result;
}
