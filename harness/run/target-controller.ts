/**
 * Launches, stops and restarts the target's `run` process and runs `replay-failed`, wiring
 * each process onto the bus. Every process is registered with the session the moment it exists,
 * so teardown stops it whatever happens next.
 *
 *   start() ─▶ launch('run') ─▶ observe logs ─▶ wait: health URL known ─▶ GET /health 200
 *   runOnce(cmd) ─▶ launch('replay-failed' | 'ingest') ─▶ wait for exit ─▶ summary line + exit code
 */
import { InfrastructureError, StartupTimeoutError } from '../errors.js';
import type { BreakerTracker } from '../observe/breaker-tracker.js';
import type { EventBus } from '../observe/event-bus.js';
import { observeTargetProcess } from '../observe/observe-target-process.js';
import type { Session } from '../session.js';
import type { PreparedTarget, TargetCommand, TargetProcess } from '../targets/target.js';
import { Wait } from '../wait/index.js';
import { READINESS_TIMEOUT_MS, STOP_GRACE_MS } from './run-constants.js';

/** The one line a one-shot command prints about its work (`Replay complete: processed=… archived=… failed=…`). */
const ONE_SHOT_SUMMARY = /(Replay|Ingest) complete: .*/;

export type OneShotCommand = Exclude<TargetCommand, 'run'>;

export interface TargetController {
  start(): Promise<void>;
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** Runs a one-shot command (replay-failed, ingest) to completion within `timeoutMs` wall ms. */
  runOnce(
    command: OneShotCommand,
    timeoutMs: number,
  ): Promise<{ readonly code: number | null; readonly summary: string | null }>;
  /** True while a `run` process is up and not being stopped. */
  isRunUp(): boolean;
  /** Stops whatever is still running; idempotent. */
  stopAll(): Promise<void>;
}

export function createTargetController(
  prepared: PreparedTarget,
  bus: EventBus,
  tracker: BreakerTracker,
  session: Session,
): TargetController {
  let runProcess: TargetProcess | null = null;
  let isReady = false;
  const expectedExit = new Set<number>();
  const live = new Set<TargetProcess>();

  const launch = async (command: TargetCommand): Promise<TargetProcess> => {
    let child: TargetProcess;
    try {
      child = await prepared.launch(command);
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
      throw new InfrastructureError(
        `Failed to launch the target's "${command}": ${reason}. Check the target's setup (npm run setup, --connector).`,
        { cause: error },
      );
    }
    live.add(child);
    session.add(`target ${command} (pid ${child.pid})`, child, (c) => c.stop(STOP_GRACE_MS));
    const unobserve = observeTargetProcess(child, command, prepared, bus, tracker);
    bus.emit({ type: 'target:launched', command, pid: child.pid });
    void child.exited.then(({ code, signal }) => {
      live.delete(child);
      // Let the last log records drain before the listener goes.
      setTimeout(unobserve, 200).unref();
      bus.emit({
        type: 'target:exited',
        command,
        pid: child.pid,
        code,
        signal,
        expected: command !== 'run' || expectedExit.has(child.pid),
      });
    });
    return child;
  };

  const recentLog = (): string =>
    bus
      .ofType('log:record')
      .slice(-15)
      .map((e) => `    ${e.record.split('\n')[0]}`)
      .join('\n');

  const start = async (): Promise<void> => {
    const child = await launch('run');
    runProcess = child;
    isReady = false;
    const ready = Wait.forAll(
      [
        Wait.forCondition('the target to announce its health URL', () => prepared.healthUrl() !== null, {
          timeoutMs: READINESS_TIMEOUT_MS,
          wake: (notify) => child.onLogRecord(() => notify()),
        }),
        Wait.forHttp(() => (prepared.healthUrl() === null ? null : `${prepared.healthUrl()}/health`), {
          timeoutMs: READINESS_TIMEOUT_MS,
        }),
      ],
      { deadlineMs: READINESS_TIMEOUT_MS },
    );
    const exitedEarly = child.exited.then(({ code, signal }) => {
      throw new InfrastructureError(
        `Failed to start the target: "run" exited (code ${code}, signal ${signal}) before it was ready. ` +
          `Last log lines:\n${recentLog()}\nFix the target's configuration or environment.`,
      );
    });
    try {
      await Promise.race([ready.wait(session.signal), exitedEarly]);
    } catch (error) {
      if (error instanceof StartupTimeoutError) {
        throw new InfrastructureError(`${error.message} Last log lines:\n${recentLog()}`, { cause: error });
      }
      throw error;
    } finally {
      exitedEarly.catch(() => undefined);
    }
    isReady = true;
    bus.emit({ type: 'target:ready', healthUrl: prepared.healthUrl() });
  };

  const stop = async (): Promise<void> => {
    const child = runProcess;
    if (!child) return;
    runProcess = null;
    isReady = false;
    expectedExit.add(child.pid);
    await child.stop(STOP_GRACE_MS);
    await child.exited;
  };

  return {
    start,
    stop,
    async restart() {
      await stop();
      await start();
    },
    async runOnce(command, timeoutMs) {
      let summary: string | null = null;
      const child = await launch(command);
      child.onLogRecord((record) => {
        const match = ONE_SHOT_SUMMARY.exec(record);
        if (match) summary = match[0];
      });
      const timedOut = new Promise<never>((_, reject) => {
        const message = `Failed to wait for ${command} to exit: still running after ${Math.round(timeoutMs)} ms.`;
        const timer = setTimeout(() => reject(new StartupTimeoutError(message, timeoutMs)), timeoutMs);
        timer.unref();
        void child.exited.finally(() => clearTimeout(timer));
      });
      const aborted = new Promise<never>((_, reject) => {
        if (session.signal.aborted) reject(session.signal.reason);
        session.signal.addEventListener('abort', () => reject(session.signal.reason), { once: true });
      });
      try {
        const { code } = await Promise.race([child.exited, timedOut, aborted]);
        bus.emit({ type: 'oneshot:completed', command, pid: child.pid, code, summary });
        return { code, summary };
      } catch (error) {
        await child.stop(STOP_GRACE_MS).catch(() => undefined);
        throw error;
      }
    },
    isRunUp: () => runProcess !== null && isReady,
    async stopAll() {
      await stop().catch(() => undefined);
      await Promise.allSettled([...live].map((c) => c.stop(STOP_GRACE_MS)));
    },
  };
}
