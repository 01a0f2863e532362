/** Starts `bench-server-host.ts` in a child process and waits (with a deadline) for its JSON line. */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HOST_FILE = join(dirname(fileURLToPath(import.meta.url)), 'bench-server-host.ts');
const READY_TIMEOUT_MS = 30_000;

export interface BenchHost extends AsyncDisposable {
  readonly info: { s3?: string; ingest?: string; caCertPath?: string };
  /** The host process, for its CPU time (`process-cpu.ts`). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

export async function spawnBenchHost(kind: 'fakes' | 'bare' | 's3rver'): Promise<BenchHost> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOST_FILE, kind], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
    })());
  try {
    const info = await new Promise<BenchHost['info']>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(
        () => reject(new Error(`no ready line within ${READY_TIMEOUT_MS} ms`)),
        READY_TIMEOUT_MS,
      );
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const newline = stdout.indexOf('\n');
        if (newline < 0) return;
        clearTimeout(timer);
        try {
          resolve(JSON.parse(stdout.slice(0, newline)) as BenchHost['info']);
        } catch (error) {
          reject(error as Error);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    return { info, pid: child.pid, stop, [Symbol.asyncDispose]: stop };
  } catch (error) {
    await stop();
    throw new Error(
      `Failed to start the "${kind}" bench host: ${(error as Error).message}. stderr: ${stderr.slice(-1_500)}`,
    );
  }
}
