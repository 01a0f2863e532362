/**
 * Phase "execute timeline": the target starts (time zero is when it answers /health), then the
 * health poller, progress line, deadline and arrivals run beside the scenario's steps.
 */
import { replicaNumbers } from '../../domain/replica.js';
import { InfrastructureError } from '../../errors.js';
import { pollHealth } from '../../observe/poll-health.js';
import { scheduleArrivals } from '../../seed/arrivals.js';
import { expireAfterFirstRead } from '../../seed/expire-after-read.js';
import { seedShapeOf } from '../../seed/seed-spec.js';
import { executeTimeline } from '../../timeline/execute-timeline.js';
import { formatProgress } from '../progress.js';
import { RUN_BUCKET, RUN_PREFIX } from '../run-constants.js';
import type { Observed } from '../run-context.js';
import { DEFAULT_SCRAPE_INTERVAL_MS } from '../run-options.js';
import { createStepRuntime } from '../step-runtime-impl.js';

/** The progress line and the report's samples, once a second of wall time. */
const SAMPLE_EVERY_WALL_MS = 1_000;

export async function executeTimelinePhase(ctx: Observed): Promise<void> {
  const { session, bus, scenario, options, live, controller, prepared, timeline } = ctx;
  const expireAfterMs = scenario.s3?.expireAfterFirstReadMs;
  if (expireAfterMs !== undefined) {
    const stop = expireAfterFirstRead(bus, ctx.fakes.s3, { afterMs: expireAfterMs });
    session.defer('object expiry', stop);
  }
  await controller.start();
  bus.rebase();
  ctx.artifacts?.markTimeZero();
  // Scrapes are spaced in TARGET time (a rule's `for: 10m` means ten target minutes); at most 20 a wall second.
  const probeEveryWallMs = Math.max(50, (options.scrapeIntervalMs ?? DEFAULT_SCRAPE_INTERVAL_MS) / options.timeScale);
  // One poller per replica (or one for a target without replicas), each on its own /health.
  const pollers = (prepared.replicas ? replicaNumbers(prepared.replicas) : [undefined]).map((replica) => {
    const runUrl = (): string | null =>
      controller.isRunUp() && !live.runExited(replica) ? prepared.healthUrl(replica) : null;
    return pollHealth(runUrl, bus, { intervalMs: probeEveryWallMs, ...(replica === undefined ? {} : { replica }) });
  });
  const stopPollers = async (): Promise<void> => {
    await Promise.all(pollers.map((p) => p.stop()));
  };
  session.defer('health pollers', stopPollers);
  const ticker = setInterval(() => {
    const atMs = Math.round(bus.nowMs());
    ctx.samples.push({
      atMs,
      failedBatchFiles: live.waitingFiles(),
      deliveredRecords: live.delivered.size,
      breakerStates: live.breakerStates(),
    });
    ctx.progress(formatProgress(bus.nowMs(), bus.wallNowMs(), live, options.timeScale));
  }, SAMPLE_EVERY_WALL_MS);
  session.defer('progress ticker', () => clearInterval(ticker));

  const deadlineWallMs = scenario.deadlineMs / options.timeScale;
  const deadline = setTimeout(() => {
    const message =
      `Failed to finish scenario "${scenario.id}" within its deadline of ${scenario.deadlineMs} ms ` +
      `(target; ${Math.round(deadlineWallMs)} ms wall). Raise deadlineMs or check the step timeouts.`;
    timeline.abort(new InfrastructureError(message));
  }, deadlineWallMs);
  session.defer('deadline timer', () => clearTimeout(deadline));
  const arrivals = scheduleArrivals(scenario.seed.arrivals ?? [], {
    target: {
      s3: ctx.fakes.s3,
      bucket: RUN_BUCKET,
      prefix: RUN_PREFIX,
      seed: options.seed,
      shape: seedShapeOf(scenario.seed),
    },
    firstN: scenario.seed.records + 1,
    bus,
    originMs: 0,
    signal: timeline.signal,
  });
  const runtime = createStepRuntime({
    fakes: ctx.fakes,
    network: ctx.network,
    controller,
    storeFaults: ctx.storeFaults,
    bus,
    state: live,
    signal: timeline.signal,
    deadlineMs: scenario.deadlineMs,
    beforeStop: async () => {
      await Promise.all(pollers.map((p) => p.sampleNow()));
    },
  });
  await executeTimeline(scenario.steps, { bus, runtime, signal: timeline.signal, originMs: 0 });
  await arrivals;
  await stopPollers();
}
