/**
 * Everything a run needs before its first phase: the validated scenario, the resolved target, the
 * session that will tear everything down, one event bus, and the evidence files. Throws only
 * UsageError and InvalidScenarioError: nothing has started yet.
 */
import { describeError, InterruptedError, UsageError } from '../errors.js';
import { createEventBus } from '../observe/event-bus.js';
import type { Scenario } from '../scenario/types.js';
import { assertValidScenario } from '../scenario/validate-scenario.js';
import { createSession } from '../session.js';
import { resolveTarget } from '../targets/index.js';
import { openRunArtifacts } from './run-artifacts.js';
import type { RunContext } from './run-context.js';
import type { RunOptions } from './run-options.js';
import { describeForVerbose } from './verbose.js';

export async function createRunContext(input: Scenario, options: RunOptions): Promise<RunContext> {
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
  // A shimmed run does not test the unmodified build: it says so before it starts and above its verdict.
  const shimsBanner = target.describeShims(options.shims);
  if (shimsBanner) progress(shimsBanner);
  const startedAt = new Date();
  const session = createSession(options.signal ? { signal: options.signal } : {});
  const bus = createEventBus({ timeScale: options.timeScale });
  if (options.onEvent) bus.subscribe(options.onEvent);
  if (options.verbose) bus.subscribe((event) => describeForVerbose(event, progress));
  const timeline = new AbortController();
  session.signal.addEventListener('abort', () => timeline.abort(session.signal.reason), { once: true });
  session.defer('timeline', () => timeline.abort(new InterruptedError('run ended')));
  // Opened before anything starts, so no log record or request is missed. They are evidence next
  // to the verdict, not the verdict itself: a run goes on without them.
  const artifacts = await openRunArtifacts(bus, options.outDir, scenario.id).catch((error: unknown) => {
    progress(
      `[chaos] Failed to open the evidence files in ${options.outDir}: ${describeError(error)}. ` +
        'The run goes on without them; check that the output directory is writable.',
    );
    return undefined;
  });
  return {
    scenario,
    options,
    target,
    targetOptions: { ...(scenario.targetOptions ?? {}), ...options.targetOptions },
    shimsBanner,
    session,
    bus,
    progress,
    timeline,
    samples: [],
    startedAt,
    artifacts,
  };
}
