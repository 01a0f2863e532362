/**
 * Load-generator process: replays pre-built HTTP/1.1 requests (SigV4 headers computed once by the
 * bench) over raw keep-alive sockets, closed loop, and reports `LoadStats`. It runs apart from both
 * the bench and the server under test, and costs far less per request than an SDK client or
 * `node:http`, so the server is what limits the rate. One job per stdin line, one reply per stdout
 * line; exits when stdin closes.
 *
 *   node --import tsx bench/load-generator.ts
 */
import { createInterface } from 'node:readline';
import { KeepAliveConnection } from './keep-alive-connection.js';
import type { LoadJob, LoadReply } from './load-generator-protocol.js';
import { type LoadStats, measureLoad } from './measure-load.js';
import { required } from './required.js';

async function runJob(job: LoadJob): Promise<LoadStats> {
  const requests = job.requests.map((r) => Buffer.from(r, 'base64'));
  if (requests.length === 0) throw new Error('the job has no requests');
  const idle = Array.from({ length: job.concurrency }, () => new KeepAliveConnection(job.host, job.port));
  const all = [...idle];
  let next = 0;
  try {
    return await measureLoad(async () => {
      // measureLoad runs `concurrency` workers, so a connection is always idle here.
      const connection = required(idle.pop(), 'an idle connection');
      try {
        const { status, bodyBytes } = await connection.request(
          required(requests[next++ % requests.length], 'a signed request'),
        );
        if (status !== job.expectStatus) throw new Error(`answered ${status}, expected ${job.expectStatus}`);
        if (job.expectBodyBytes !== undefined && bodyBytes !== job.expectBodyBytes)
          throw new Error(`answered ${bodyBytes} body bytes, expected ${job.expectBodyBytes}`);
      } finally {
        idle.push(connection);
      }
    }, job);
  } finally {
    for (const connection of all) connection.close();
  }
}

const reply = (message: LoadReply) => process.stdout.write(`${JSON.stringify(message)}\n`);

// Jobs run one after another: the bench waits for each reply before it sends the next job.
let queue = Promise.resolve();
createInterface({ input: process.stdin }).on('line', (line) => {
  queue = queue.then(async () => {
    try {
      reply({ stats: await runJob(JSON.parse(line) as LoadJob) });
    } catch (error) {
      reply({ error: (error as Error).message });
    }
  });
});
process.stdin.on('end', () => void queue.then(() => process.exit(0)));
