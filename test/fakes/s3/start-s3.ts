/** Starts the S3 fake on a real loopback listener for SDK tests; `stop()` is idempotent. */
import type { IncomingHttpHeaders } from 'node:http';
import { type Clock, SystemClock } from '../../../fakes/core/clock.js';
import { startFakeServer } from '../../../fakes/core/fake-server.js';
import { FaultEngine } from '../../../fakes/core/fault-engine.js';
import { Journal } from '../../../fakes/core/journal.js';
import { createS3Service, type S3Credentials } from '../../../fakes/s3/index.js';

export interface StartS3Options {
  readonly seed?: number;
  readonly strictAuth?: readonly S3Credentials[];
  readonly tls?: { readonly cert: string; readonly key: string };
  /** The fake's clock; default wall time. */
  readonly clock?: Clock;
}

export async function startS3(options: StartS3Options = {}) {
  const clock = options.clock ?? new SystemClock();
  const s3 = createS3Service({ clock, ...(options.strictAuth ? { strictAuth: options.strictAuth } : {}) });
  // Records the headers each handled request carried, so tests can see the wire format the SDK chose.
  const seenHeaders: { operation: string; headers: IncomingHttpHeaders; bodyBytes: number }[] = [];
  const definition: typeof s3 = {
    ...s3,
    handle: (request, classified) => {
      seenHeaders.push({ operation: classified.operation, headers: request.headers, bodyBytes: request.body.length });
      return s3.handle(request, classified);
    },
  };
  const engine = new FaultEngine({ clock, seed: options.seed ?? 1 });
  const journal = new Journal();
  const server = await startFakeServer({
    definition,
    engine,
    journal,
    clock,
    ...(options.tls ? { tls: options.tls } : {}),
  });
  return {
    url: server.url,
    store: s3.store,
    engine,
    journal,
    seenHeaders,
    stop: () => server.stop(),
    [Symbol.asyncDispose]: () => server.stop(),
  };
}

export type StartedS3 = Awaited<ReturnType<typeof startS3>>;

/** Polls `condition` until true or the deadline passes (no blind sleeps). */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
