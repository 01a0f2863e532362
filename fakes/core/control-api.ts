/**
 * The HTTP control plane of the fakes (JSON; errors are `{ "error": "...", "status": N }`). Its
 * routing is a table (control/route-table.ts): the core routes (control/core-routes.ts: faults,
 * reset, journal) plus whatever routes the running services contribute (seeding, reading state).
 * An unknown path is a 404, a known path with another method a 405.
 *
 *   request ─▶ routes.match(method, path) ─▶ route.handle(ControlRequest) ─▶ JSON | NDJSON stream
 *                         │ 400 / 404 / 405                       │ ChaosApiError (or 500)
 *                         └──────────────▶ { error, status } ◀────┘
 *
 * The control plane is never faulted and never journaled.
 *
 * @example
 *   await using control = await startControlApi({ engine, journal, reset, routes: s3ControlRoutes });
 *   await fetch(`${control.url}/__chaos/journal/counts`);
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { splitTarget } from './build-fake-request.js';
import { createControlRequest } from './control/control-request.js';
import type { ControlRoute } from './control/control-route.js';
import { createCoreRoutes } from './control/core-routes.js';
import { createRouteTable, type RouteTable } from './control/route-table.js';
import { type OpenStreams, writeControlError, writeControlReply } from './control/write-control-reply.js';
import { ChaosApiError, ERR_INTERNAL } from './errors.js';
import type { FaultEngine } from './fault-engine.js';
import type { Journal } from './journal.js';
import { listenOnLoopback } from './listen-on-loopback.js';

/** What the control plane operates on. */
export interface ControlApiTarget {
  readonly engine: FaultEngine;
  readonly journal: Journal;
  /** Faults cleared and service state emptied (`POST /__chaos/reset`). */
  reset(): void;
  /** Routes beyond the core ones, e.g. each service's seeding routes. */
  readonly routes?: readonly ControlRoute[];
}

export interface StartedControlApi extends AsyncDisposable {
  readonly url: string;
  readonly port: number;
  /** Idempotent; ends open journal streams. */
  stop(): Promise<void>;
}

export async function startControlApi(
  target: ControlApiTarget,
  options: { port?: number } = {},
): Promise<StartedControlApi> {
  const table = createRouteTable([...createCoreRoutes(target), ...(target.routes ?? [])]);
  const sockets = new Set<Socket>();
  const streams: OpenStreams = new Set();
  const server = createServer((req, res) => {
    void handleControlRequest(table, req, res, streams).catch((error: unknown) => {
      const apiError =
        error instanceof ChaosApiError
          ? error
          : ERR_INTERNAL.withDetail(error instanceof Error ? error.message : String(error));
      writeControlError(res, apiError);
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listenOnLoopback(server, options.port ?? 0, 'the control API');
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= new Promise<void>((resolve) => {
      for (const stream of streams) stream.end();
      server.close(() => resolve());
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
    }));
  return { url: `http://127.0.0.1:${port}`, port, stop, [Symbol.asyncDispose]: stop };
}

async function handleControlRequest(
  table: RouteTable,
  req: IncomingMessage,
  res: ServerResponse,
  streams: OpenStreams,
): Promise<void> {
  const { path, query } = splitTarget(req.url ?? '/');
  const { route, params } = table.match(req.method ?? 'GET', path);
  const reply = await route.handle(createControlRequest(req, params, query));
  writeControlReply(res, reply, streams);
}

export type { ControlMethod, ControlReply, ControlRequest, ControlRoute } from './control/control-route.js';
export { defineControlRoute } from './control/control-route.js';
export { readQueryInteger } from './control/query-params.js';
