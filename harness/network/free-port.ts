import { createServer } from 'node:net';

/**
 * A loopback TCP port that was free a moment ago. Toxiproxy takes its API port as a flag, so we
 * must choose one; the caller retries if another process wins the race for it.
 */
export function findFreeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() =>
        port > 0 ? resolve(port) : reject(new Error('Failed to find a free port: no port assigned.')),
      );
    });
  });
}
