/**
 * The server plumbing every fake shares: one loopback listener per service definition.
 *
 *   listener (http or https, 127.0.0.1) ─▶ serveRequest (serve-request.ts) per request
 *   stop() ─▶ held requests released, every socket destroyed
 *
 * What happens to one request, faults included, is in serve-request.ts.
 *
 * Nothing a client sends can crash it: exceptions from the service become the service's 500
 * envelope, and a second exception becomes a plain 500.
 *
 * @example
 *   await using server = await startFakeServer({ definition, engine, journal, clock });
 *   await fetch(`${server.url}/bucket/key`);
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import type { Clock } from './clock.js';
import type { FaultEngine } from './fault-engine.js';
import type { Journal } from './journal.js';
import { listenOnLoopback } from './listen-on-loopback.js';
import { serveRequest } from './serve-request.js';
import type { ServiceDefinition } from './service-definition.js';

export interface FakeServerOptions {
  readonly definition: ServiceDefinition;
  readonly engine: FaultEngine;
  readonly journal: Journal;
  readonly clock: Clock;
  /** Serve https with this PEM pair; plain http when omitted. */
  readonly tls?: { readonly cert: string; readonly key: string };
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** Larger bodies get the service's 413. Default 64 MiB. */
  readonly maxBodyBytes?: number;
}

export interface StartedFakeServer extends AsyncDisposable {
  readonly url: string;
  readonly port: number;
  /** Idempotent. Releases held requests and destroys every open socket, hung ones included. */
  stop(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

export async function startFakeServer(options: FakeServerOptions): Promise<StartedFakeServer> {
  const { definition, engine, journal, clock } = options;
  const stopping = new AbortController();
  const pipeline = {
    definition,
    engine,
    journal,
    clock,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    stopping: stopping.signal,
  };
  const sockets = new Set<Socket>();
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    void serveRequest(pipeline, req, res).catch(() => {
      // @note Last resort: serveRequest already journals and answers; never let a rejection escape.
      res.socket?.destroy();
    });
  };
  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, onRequest)
    : createHttpServer(onRequest);
  // @note Keep-alive sockets idle longer than the SDKs' pools would otherwise be cut under them.
  server.keepAliveTimeout = 65_000;
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // Malformed HTTP never reaches a handler; answer 400 and close instead of crashing or hanging.
  server.on('clientError', (_error, socket: Socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  const port = await listenOnLoopback(server, options.port ?? 0, `fake "${definition.service}"`);
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= new Promise<void>((resolve) => {
      stopping.abort(new Error(`fake "${definition.service}" stopped`));
      server.close(() => resolve());
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
    }));
  return { url, port, stop, [Symbol.asyncDispose]: stop };
}
