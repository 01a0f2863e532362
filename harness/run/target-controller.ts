/**
 * Launches, stops and restarts the target's `run` process (one per replica, when the target runs
 * several) and runs `replay-failed`/`ingest`, wiring each process onto the bus. Every process is
 * registered with the session the moment it exists, so teardown stops it whatever happens next.
 *
 *   start() ─▶ per replica: launch('run', r) ─▶ observe logs ─▶ health URL known ─▶ GET /health 200
 *   runOnce(cmd) ─▶ per replica (or once): launch(cmd, r) ─▶ wait for exit ─▶ summary line + exit code
 */
import { replicaLabel, replicaNumbers } from '../domain/replica.js';
import { InfrastructureError, ProductFailureError, StartupTimeoutError } from '../errors.js';
import type { BreakerTracker } from '../observe/breaker-tracker.js';
import type { EventBus } from '../observe/event-bus.js';
import { observeTargetProcess } from '../observe/observe-target-process.js';
import type { Session } from '../session.js';
import type { PreparedTarget, TargetCommand, TargetProcess } from '../targets/target.js';
import { Wait } from '../wait/index.js';
import { READINESS_TIMEOUT_MS, STOP_GRACE_MS } from './run-constants.js';

/** Log lines a start failure quotes as its evidence. */
const RECENT_LOG_LINES = 30;

/** The one line a one-shot command prints about its work (`Replay complete: processed=… archived=… failed=…`). */
const ONE_SHOT_SUMMARY = /(Replay|Ingest) complete: .*/;

export type OneShotCommand = Exclude<TargetCommand, 'run'>;

export interface TargetController {
  start(): Promise<void>;
  stop(): Promise<void>;
  restart(): Promise<void>;
  /**
   * Runs a one-shot command (replay-failed, ingest) to completion within `timeoutMs` wall ms; with
   * replicas, in each replica in turn (as `kubectl exec` into each pod would), worst exit code first.
   */
  runOnce(
    command: OneShotCommand,
    timeoutMs: number,
  ): Promise<{ readonly code: number | null; readonly summary: string | null }>;
  /** True while every `run` process is up and not being stopped. */
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
  /** Replica numbers, or [undefined] for a target that runs one instance. */
  const replicas: (number | undefined)[] = prepared.replicas ? replicaNumbers(prepared.replicas) : [undefined];
  const runProcesses = new Map<number | undefined, TargetProcess>();
  let isReady = false;
  const expectedExit = new Set<number>();
  const live = new Set<TargetProcess>();

  const launch = async (command: TargetCommand, replica: number | undefined): Promise<TargetProcess> => {
    let child: TargetProcess;
    const where = replica === undefined ? '' : ` (replica ${replicaLabel(replica)})`;
    try {
      child = await prepared.launch(command, replica);
    } catch (error) {
      if (error instanceof ProductFailureError) throw error;
      const reason = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
      throw new InfrastructureError(
        `Failed to launch the target's "${command}"${where}: ${reason}. ` +
          "Check the target's setup (npm run setup, --connector).",
        { cause: error },
      );
    }
    const tag = replica === undefined ? {} : { replica };
    live.add(child);
    session.add(`target ${command}${where} (pid ${child.pid})`, child, (c) => c.stop(STOP_GRACE_MS));
    const unobserve = observeTargetProcess(child, command, prepared, bus, tracker);
    bus.emit({ type: 'target:launched', command, pid: child.pid, ...tag });
    void child.exited.then(({ code, signal }) => {
      live.delete(child);
      // Let the last log records drain before the listener goes.
      setTimeout(unobserve, 200).unref();
      const expected = command !== 'run' || expectedExit.has(child.pid);
      bus.emit({ type: 'target:exited', command, pid: child.pid, code, signal, expected, ...tag });
    });
    return child;
  };

  // Whole records (a traceback ends with the line that matters), each line tagged with its replica.
  const recentLog = (): string[] =>
    bus
      .ofType('log:record')
      .slice(-15)
      .flatMap((e) => {
        const tag = e.replica === undefined ? '' : `[${replicaLabel(e.replica)}] `;
        return e.record.split('\n').map((line) => `${tag}${line}`);
      })
      .slice(-RECENT_LOG_LINES);

  const startReplica = async (replica: number | undefined): Promise<void> => {
    const child = await launch('run', replica);
    runProcesses.set(replica, child);
    const url = (): string | null => prepared.healthUrl(replica);
    const ready = Wait.forAll(
      [
        Wait.forCondition('the target to announce its health URL', () => url() !== null, {
          timeoutMs: READINESS_TIMEOUT_MS,
          wake: (notify) => child.onLogRecord(() => notify()),
        }),
        Wait.forHttp(() => (url() === null ? null : `${url()}/health`), { timeoutMs: READINESS_TIMEOUT_MS }),
      ],
      { deadlineMs: READINESS_TIMEOUT_MS },
    );
    const where = replica === undefined ? '' : ` (replica ${replicaLabel(replica)})`;
    const exitedEarly = child.exited.then(({ code, signal }) => {
      throw startFailure(`"run"${where} exited (code ${code}, signal ${signal}) before it was ready`);
    });
    try {
      await Promise.race([ready.wait(session.signal), exitedEarly]);
    } catch (error) {
      if (error instanceof StartupTimeoutError)
        throw startFailure(`${error.message.replace(/\.$/, '')}${where}`, error);
      throw error;
    } finally {
      exitedEarly.catch(() => undefined);
    }
  };

  const startFailure = (reason: string, cause?: unknown): Error => {
    const lines = recentLog();
    if (prepared.startFailureIsProduct)
      return new ProductFailureError(
        'the connector starts and answers /health',
        `The target failed to start: ${reason}.`,
        [`${reason}; last log lines:`, ...lines],
        { cause },
      );
    return new InfrastructureError(
      `Failed to start the target: ${reason}. Last log lines:\n${lines.map((l) => `    ${l}`).join('\n')}\n` +
        "Fix the target's configuration or environment.",
      { cause },
    );
  };

  const start = async (): Promise<void> => {
    isReady = false;
    await Promise.all(replicas.map((replica) => startReplica(replica)));
    isReady = true;
    const tag = prepared.replicas ? { replicas: prepared.replicas } : {};
    bus.emit({ type: 'target:ready', healthUrl: prepared.healthUrl(replicas[0]), ...tag });
  };

  const stop = async (): Promise<void> => {
    const children = [...runProcesses.values()];
    runProcesses.clear();
    isReady = false;
    for (const child of children) expectedExit.add(child.pid);
    await Promise.all(
      children.map(async (child) => {
        await child.stop(STOP_GRACE_MS);
        await child.exited;
      }),
    );
  };

  const runOnceIn = async (command: OneShotCommand, replica: number | undefined, timeoutMs: number) => {
    let summary: string | null = null;
    const child = await launch(command, replica);
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
      const tag = replica === undefined ? {} : { replica };
      bus.emit({ type: 'oneshot:completed', command, pid: child.pid, code, summary, ...tag });
      return { code, summary: summary as string | null };
    } catch (error) {
      await child.stop(STOP_GRACE_MS).catch(() => undefined);
      throw error;
    }
  };

  return {
    start,
    stop,
    async restart() {
      await stop();
      await start();
    },
    async runOnce(command, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      const outcomes: { code: number | null; summary: string | null; replica: number | undefined }[] = [];
      for (const replica of replicas)
        outcomes.push({ ...(await runOnceIn(command, replica, Math.max(1, deadline - Date.now()))), replica });
      if (outcomes.length === 1) return outcomes[0];
      const worst = outcomes.find((o) => o.code !== 0) ?? outcomes[0];
      const summary = outcomes
        .map((o) => `${replicaLabel(o.replica ?? 0)}: exit ${o.code} ${o.summary ?? '(no summary line)'}`)
        .join('; ');
      return { code: worst.code, summary };
    },
    isRunUp: () => runProcesses.size === replicas.length && isReady,
    async stopAll() {
      await stop().catch(() => undefined);
      await Promise.allSettled([...live].map((c) => c.stop(STOP_GRACE_MS)));
    },
  };
}
