import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { Wait } from '../../harness/wait/index.js';

describe('Wait.forHttp', () => {
  it('waits for a real listener to answer 200', async () => {
    const server = createServer((_, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      await expect(
        Wait.forHttp(`http://127.0.0.1:${port}/health`, { timeoutMs: 5_000 }).wait(),
      ).resolves.toBeUndefined();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
