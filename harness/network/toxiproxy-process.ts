/**
 * The toxiproxy-server process: started on loopback with an ephemeral API port, ready once its
 * API answers, and never outliving us.
 *
 *   node ──stdin pipe──▶ sh (group leader, watchdog) ──▶ toxiproxy-server -host 127.0.0.1 -port P
 *                          └─ read stdin: EOF (node died, even by SIGKILL) ─▶ kill -KILL toxiproxy
 *   (watched-spawn.ts)
 *
 *   stop(): SIGTERM to the group ─▶ wait exit ≤ STOP_GRACE_MS ─▶ SIGKILL to the group
 *   'exit' of node: SIGKILL to the group (synchronous, last resort)
 */
import { InfrastructureError, StartupTimeoutError } from '../errors.js';
import { registerGroupForExitCleanup } from './exit-cleanup.js';
import { findFreeLoopbackPort } from './free-port.js';
import { settlesWithin, signalGroup, spawnWatched } from './watched-spawn.js';

export interface ToxiproxyProcess {
  /** `http://127.0.0.1:<port>` */
  readonly apiUrl: string;
  /** Process group id (the watchdog shell's pid). */
  readonly pgid: number;
  /** Last lines the server wrote, for error messages. */
  recentOutput(): readonly string[];
  /** Idempotent: the same promise every call. */
  stop(): Promise<void>;
}

export interface StartToxiproxyOptions {
  readonly binaryPath: string;
  /** Seed for toxicity rolls and jitter, so a run can be repeated. */
  readonly seed?: number;
  readonly startupTimeoutMs?: number;
}

const DEFAULT_STARTUP_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 3_000;
const API_POLL_INTERVAL_MS = 20;
const PORT_ATTEMPTS = 3;

async function waitForApi(apiUrl: string, exited: Promise<void>, timeoutMs: number): Promise<'ready' | 'exited'> {
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited) return 'exited';
    try {
      const response = await fetch(`${apiUrl}/version`, { signal: AbortSignal.timeout(500) });
      await response.arrayBuffer();
      if (response.ok) return 'ready';
    } catch {
      // Not listening yet.
    }
    await Promise.race([new Promise((resolve) => setTimeout(resolve, API_POLL_INTERVAL_MS)), exited]);
  }
  throw new StartupTimeoutError(
    `Failed to start Toxiproxy: its API at ${apiUrl} did not answer within ${timeoutMs} ms.`,
    timeoutMs,
  );
}

/**
 * @example
 * const tp = await startToxiproxyProcess({ binaryPath: resolveToxiproxyBinary() });
 * await fetch(`${tp.apiUrl}/version`);
 * await tp.stop();
 */
export async function startToxiproxyProcess(options: StartToxiproxyOptions): Promise<ToxiproxyProcess> {
  const timeoutMs = options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS;
  let lastOutput: readonly string[] = [];
  for (let attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
    const port = await findFreeLoopbackPort();
    const args = [
      '-host',
      '127.0.0.1',
      '-port',
      String(port),
      ...(options.seed === undefined ? [] : ['-seed', String(options.seed)]),
    ];
    const { child, exited, output } = spawnWatched(options.binaryPath, args);
    if (child.pid === undefined) {
      await exited;
      throw new InfrastructureError(
        `Failed to start Toxiproxy: could not spawn ${options.binaryPath}: ${output.join(' | ')}. ` +
          'Run `npm run setup`.',
      );
    }
    const pgid = child.pid;
    const unregister = registerGroupForExitCleanup(pgid);
    let stopping: Promise<void> | undefined;
    const stop = (): Promise<void> =>
      (stopping ??= (async () => {
        signalGroup(pgid, 'SIGTERM');
        if (!(await settlesWithin(exited, STOP_GRACE_MS))) {
          signalGroup(pgid, 'SIGKILL');
          await settlesWithin(exited, STOP_GRACE_MS);
        }
        child.stdin?.destroy();
        child.stdout?.destroy();
        child.stderr?.destroy();
        unregister();
      })());
    const apiUrl = `http://127.0.0.1:${port}`;
    let outcome: 'ready' | 'exited';
    try {
      outcome = await waitForApi(apiUrl, exited, timeoutMs);
    } catch (error) {
      await stop();
      throw error;
    }
    if (outcome === 'ready') return { apiUrl, pgid, recentOutput: () => [...output], stop };
    await stop();
    lastOutput = [...output];
    // Another process may have taken the port between our probe and the server's bind: retry.
    if (!lastOutput.some((line) => /address already in use/i.test(line))) break;
  }
  throw new InfrastructureError(
    'Failed to start Toxiproxy: the server exited before its API answered. ' +
      `Last output: ${lastOutput.join(' | ') || '(none)'}`,
  );
}
