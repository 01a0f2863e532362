/**
 * `/health`, `/ready` and `/metrics` on 127.0.0.1 (the real connector's routes and bodies, §2.2),
 * on a configurable port; 0 picks an ephemeral one.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HealthSource {
  readonly running: () => boolean;
  readonly startedAt: string;
  readonly ready: () => { ready: boolean; last_success_time: string | null; last_error: string | null };
  readonly metrics: () => Promise<string>;
}

export interface StartedHealthServer {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startHealthServer(port: number, source: HealthSource): Promise<StartedHealthServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const json = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (request.method !== 'GET') return json(405, { error: 'method not allowed' });
    if (path === '/health') return json(200, { status: 'ok', running: source.running(), started_at: source.startedAt });
    if (path === '/ready') {
      const state = source.ready();
      return json(state.ready ? 200 : 503, state);
    }
    if (path === '/metrics') {
      source.metrics().then(
        (text) => response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(text),
        (error: unknown) => json(500, { error: String(error) }),
      );
      return;
    }
    json(404, { error: `no route ${path}` });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${actual}`,
    stop: () => {
      stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}
