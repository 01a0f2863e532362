/**
 * The run's reaper (testcontainers' role): everything the run starts is registered here the
 * moment it exists, and `dispose()` stops it all in reverse order, whatever ended the run (pass,
 * fail, timeout, error, Ctrl-C). A failing disposer never stops the others; failures are
 * collected into one AggregateError, so teardown never hides what went wrong first.
 *
 * @example
 * await using session = createSession({ signal });
 * const fakes = session.add('fakes', await startFakes({}), (f) => f.stop());
 */
import { InterruptedError } from './errors.js';

export interface Session extends AsyncDisposable {
  /** Aborted when the caller's signal aborts or `abort()` is called; every wait takes it. */
  readonly signal: AbortSignal;
  /** Registers `resource` to be disposed with `dispose(resource)`; returns the resource. */
  add<T>(name: string, resource: T, dispose: (resource: T) => Promise<unknown> | unknown): T;
  /** Registers a bare cleanup callback. */
  defer(name: string, cleanup: () => Promise<unknown> | unknown): void;
  abort(reason?: unknown): void;
  /** Disposes everything in reverse order. Idempotent: later calls return the same promise. */
  dispose(): Promise<void>;
}

interface Entry {
  readonly name: string;
  readonly cleanup: () => Promise<unknown> | unknown;
}

export function createSession(options: { signal?: AbortSignal } = {}): Session {
  const controller = new AbortController();
  const entries: Entry[] = [];
  let disposing: Promise<void> | undefined;

  const forward = (): void => controller.abort(options.signal?.reason ?? new InterruptedError());
  if (options.signal?.aborted) forward();
  else options.signal?.addEventListener('abort', forward, { once: true });

  const dispose = (): Promise<void> => {
    disposing ??= (async () => {
      options.signal?.removeEventListener('abort', forward);
      const failures: unknown[] = [];
      for (const entry of entries.splice(0).reverse()) {
        try {
          await entry.cleanup();
        } catch (error) {
          failures.push(
            new Error(`Failed to dispose ${entry.name}: ${error instanceof Error ? error.message : String(error)}`, {
              cause: error,
            }),
          );
        }
      }
      if (failures.length > 0) throw new AggregateError(failures, `Failed to tear down ${failures.length} resource(s)`);
    })();
    return disposing;
  };

  return {
    signal: controller.signal,
    add(name, resource, disposeResource) {
      entries.push({ name, cleanup: () => disposeResource(resource) });
      return resource;
    },
    defer(name, cleanup) {
      entries.push({ name, cleanup });
    },
    abort(reason) {
      controller.abort(reason ?? new InterruptedError());
    },
    dispose,
    [Symbol.asyncDispose]: dispose,
  };
}

/**
 * Turns SIGINT/SIGTERM into an abort of `controller`, so the run tears down instead of dying
 * with its children still running. A second signal exits at once (the user insists).
 * Returns the function that removes the handlers.
 *
 * @example const uninstall = installSignalHandlers(controller); try { … } finally { uninstall(); }
 */
export function installSignalHandlers(
  controller: AbortController,
  onSecondSignal: () => void = () => process.exit(130),
): () => void {
  let seen = 0;
  const handler = (signal: NodeJS.Signals): void => {
    seen += 1;
    if (seen === 1) controller.abort(new InterruptedError(`interrupted by ${signal}`));
    else onSecondSignal();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
