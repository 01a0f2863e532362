import type { Server } from 'node:net';

/**
 * Binds `server` to 127.0.0.1 (never a wider address: the fakes must not be reachable from
 * outside this machine) and resolves with the port it got; a bind failure becomes an error
 * naming `what` and the fix.
 */
export async function listenOnLoopback(server: Server, port: number, what: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: unknown) => {
    throw new Error(`Failed to start ${what}: ${(error as Error).message}. Pick another port or use 0.`);
  });
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}
