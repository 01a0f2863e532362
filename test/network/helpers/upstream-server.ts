/**
 * A plain node:http server on 127.0.0.1:0 for toxics that need byte-level control the fakes do
 * not offer (exact body sizes, `Connection: close`). It counts the requests it receives, so a
 * test can tell an upstream hang (request never arrived) from a downstream one.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UpstreamServer extends AsyncDisposable {
  readonly url: string;
  readonly received: () => number;
  readonly stop: () => Promise<void>;
}

/** `GET /bytes/<n>` answers n bytes of "x"; `POST /echo` answers with the size it read. */
export async function startUpstreamServer(): Promise<UpstreamServer> {
  let received = 0;
  const server = createServer((request: IncomingMessage, response) => {
    received += 1;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const size = /^\/bytes\/(\d+)$/.exec(request.url ?? '')?.[1];
      const body =
        size !== undefined ? Buffer.alloc(Number(size), 'x') : Buffer.from(String(Buffer.concat(chunks).length));
      const close = request.headers['x-close'] === '1';
      response.writeHead(200, {
        'content-length': body.length,
        'content-type': 'text/plain',
        ...(close ? { connection: 'close' } : {}),
      });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }));
  return { url: `http://127.0.0.1:${port}`, received: () => received, stop, [Symbol.asyncDispose]: stop };
}
