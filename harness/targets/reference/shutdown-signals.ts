/**
 * SIGTERM/SIGINT as two signals: `stop` aborts at once (no new work starts), `shutdown` aborts
 * in-flight uploads after a short grace, so they are persisted rather than lost or left hanging.
 */
import { ShutdownAbortError } from './azure-clients.js';

/** Wall ms an in-flight upload may still take after SIGTERM before it is aborted and persisted. */
const SHUTDOWN_UPLOAD_GRACE_MS = 2_000;

export interface ShutdownSignals {
  readonly stop: AbortController;
  readonly shutdown: AbortController;
  dispose(): void;
}

export function installShutdownSignals(): ShutdownSignals {
  const stop = new AbortController();
  const shutdown = new AbortController();
  let graceTimer: NodeJS.Timeout | undefined;
  const onSignal = (): void => {
    if (stop.signal.aborted) return;
    stop.abort(new ShutdownAbortError('Shutdown requested'));
    graceTimer = setTimeout(
      () => shutdown.abort(new ShutdownAbortError('Upload aborted by shutdown; stored for replay')),
      SHUTDOWN_UPLOAD_GRACE_MS,
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return {
    stop,
    shutdown,
    dispose: () => {
      clearTimeout(graceTimer);
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    },
  };
}
