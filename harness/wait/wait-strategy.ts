/**
 * A readiness or condition check with its own limit (testcontainers' WaitStrategy). Never a
 * sleep: each strategy watches something observable and fails with a message that names the
 * condition and the limit, so a timeout says what was being waited for.
 */
export interface WaitStrategy {
  /** What is awaited, e.g. `GET http://127.0.0.1:41234/health answering 200`. */
  readonly description: string;
  /** Wall-clock limit in ms. */
  readonly timeoutMs: number;
  /** Resolves when the condition holds; rejects with StartupTimeoutError past the limit, or the signal's reason. */
  wait(signal?: AbortSignal): Promise<void>;
}

/** Resolves after `ms` wall ms, or rejects when `signal` aborts. Used between polls only. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    // Only ever added as a listener on `signal`, so it is set whenever this runs.
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
