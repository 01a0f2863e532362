/** Runs python/checks/s3_boto3_check.py in the project venv with an env-only configuration. */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');
export const VENV_PYTHON = join(ROOT, '.venv/bin/python');
const SCRIPT = join(ROOT, 'python/checks/s3_boto3_check.py');
/** A HOME that does not exist, so no developer ~/.aws/config or credentials leak into the check. */
const EMPTY_HOME = '/nonexistent-home-for-s3-boto3-check';

export interface Boto3Env {
  readonly endpoint: string;
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
  readonly extra?: Record<string, string>;
}

/** The script's JSON result as the assertions read it: any path into it. */
// biome-ignore lint/suspicious/noExplicitAny: the assertions reach into arbitrary JSON shapes
export type Boto3Result = Record<string, any>;

/** Returns the script's JSON result; rejects with stderr when it exits non-zero or prints no JSON. */
export function runBoto3(args: string[], env: Boto3Env, timeoutMs = 60_000): Promise<Boto3Result> {
  const childEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: EMPTY_HOME,
    AWS_ENDPOINT_URL_S3: env.endpoint,
    AWS_ACCESS_KEY_ID: env.accessKeyId ?? 'AKIDBOTO',
    AWS_SECRET_ACCESS_KEY: env.secretAccessKey ?? 'boto-secret',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...env.extra,
  };
  return new Promise((resolvePromise, reject) => {
    const child = spawn(VENV_PYTHON, [SCRIPT, ...args], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`Failed to run the boto3 check: ${error.message}. Run \`npm run setup\` to create .venv.`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        if (code !== 0) throw new Error(`exit code ${code}`);
        resolvePromise(JSON.parse(line) as Boto3Result);
      } catch (error) {
        reject(new Error(`Failed to run the boto3 check (${(error as Error).message}): ${stderr.slice(-2_000)}`));
      }
    });
  });
}
