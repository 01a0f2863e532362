/**
 * moto in server mode as an S3 baseline: `.venv/bin/moto_server` (installed by `npm run setup` from
 * python/requirements-sdk.txt) in its own process on a free loopback port, with the bench bucket
 * created through it. The process is killed on `stop()`, on a failed start, and when the bench
 * process exits without stopping it.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { BENCH_BUCKET, BENCH_CREDENTIALS, BENCH_REGION } from './bench-target.js';
import type { BenchHost } from './spawn-bench-host.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MOTO_SERVER = join(ROOT, '.venv', 'bin', 'moto_server');
const REQUIREMENTS = join(ROOT, 'python', 'requirements-sdk.txt');
/** moto imports a lot before it listens; ~3 s on this machine when quiet. */
const LISTEN_TIMEOUT_MS = 30_000;
const POLL_MS = 100;
const KILL_GRACE_MS = 3_000;

/** moto is not installed: the bench reports the row as skipped instead of failing. */
export class MotoNotInstalledError extends Error {
  constructor(readonly binaryPath: string) {
    super(`skipped: run npm run setup (${binaryPath} is missing; it comes from python/requirements-sdk.txt)`);
    this.name = 'MotoNotInstalledError';
  }
}

/** The version pinned in python/requirements-sdk.txt, for the row label. */
export function motoVersion(): string {
  try {
    return /^moto(?:\[[^\]]*\])?==(\S+)/m.exec(readFileSync(REQUIREMENTS, 'utf8'))?.[1] ?? '?';
  } catch {
    return '?';
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(POLL_MS * 5, () => done(false));
  });
}

export async function startMotoHost(): Promise<BenchHost> {
  try {
    accessSync(MOTO_SERVER, constants.X_OK);
  } catch {
    throw new MotoNotInstalledError(MOTO_SERVER);
  }
  const port = await freePort();
  // Output is drained (werkzeug logs every request) and only its tail kept, for error messages.
  const child = spawn(MOTO_SERVER, ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-1_500));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null && spawnError === undefined;
  // A synchronous last resort: 'exit' handlers cannot await.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      process.removeListener('exit', killOnExit);
      if (running()) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }
    })());

  try {
    const deadline = performance.now() + LISTEN_TIMEOUT_MS;
    while (!(await accepts(port))) {
      if (!running()) throw new Error(`it exited (${spawnError?.message ?? child.exitCode ?? child.signalCode})`);
      if (performance.now() > deadline)
        throw new Error(`it did not listen on port ${port} within ${LISTEN_TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const endpoint = `http://127.0.0.1:${port}`;
    const client = new S3Client({ endpoint, region: BENCH_REGION, credentials: BENCH_CREDENTIALS, maxAttempts: 1 });
    try {
      await client.send(new CreateBucketCommand({ Bucket: BENCH_BUCKET }));
    } finally {
      client.destroy();
    }
    return { info: { s3: endpoint }, pid: child.pid, stop, [Symbol.asyncDispose]: stop };
  } catch (error) {
    await stop();
    throw new Error(
      `Failed to start moto_server: ${(error as Error).message}. Output: ${output.trim() || '(none)'}. ` +
        'Re-run `npm run setup` to rebuild .venv.',
    );
  }
}
