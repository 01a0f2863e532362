/** Starts `load-generator.ts` in its own process and sends it one job at a time. */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { LoadJob, LoadReply } from './load-generator-protocol.js';
import type { LoadStats } from './measure-load.js';

const GENERATOR_FILE = join(dirname(fileURLToPath(import.meta.url)), 'load-generator.ts');
/** A job is bounded by its own durations; this only catches a generator that hangs. */
const JOB_SLACK_MS = 30_000;

export interface LoadGenerator {
  readonly pid: number;
  run(job: LoadJob): Promise<LoadStats>;
  stop(): Promise<void>;
}

export function spawnLoadGenerator(): LoadGenerator {
  const child = spawn(process.execPath, ['--import', 'tsx', GENERATOR_FILE], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-1_500)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const replies: ((reply: LoadReply) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => replies.shift()?.(JSON.parse(line) as LoadReply));
  const failed = (reason: string) =>
    new Error(`Failed to run the load generator: ${reason}. stderr: ${stderr || '(empty)'}`);

  return {
    pid: child.pid ?? -1,
    run: (job) =>
      new Promise<LoadStats>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(failed(`no reply within ${job.warmupMs + job.durationMs + JOB_SLACK_MS} ms`)),
          job.warmupMs + job.durationMs + JOB_SLACK_MS,
        );
        void exited.then(() => reject(failed(`it exited with ${child.exitCode ?? child.signalCode}`)));
        replies.push((reply) => {
          clearTimeout(timer);
          if ('error' in reply) reject(failed(reply.error));
          else resolve(reply.stats);
        });
        child.stdin.write(`${JSON.stringify(job)}\n`);
      }),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
