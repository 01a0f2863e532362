import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { rawRequest } from '../fakes/core/helpers/raw-request.js';

const run = promisify(execFile);

/**
 * The process in `npm`'s group that runs tsx: signalling it is what a supervisor does (npm itself
 * does not forward SIGTERM).
 */
function findTsxLauncher(groupId: number): number {
  const table = execFileSync('ps', ['-o', 'pid=,args=', '-g', String(groupId)], { encoding: 'utf8' });
  const line = table.split('\n').find((l) => /\.bin\/tsx cli\/bin\.ts fakes/.test(l));
  if (!line) throw new Error(`Failed to find the tsx process of npm run fakes in:\n${table}`);
  return Number(line.trim().split(/\s+/)[0]);
}

describe('npm run fakes', () => {
  it('prints { endpoints, env, caCertPath } first, serves, and exits 0 on SIGTERM with ports closed', async () => {
    const child = spawn('npm', ['run', '-s', 'fakes', '--', '--json', '--seed', '5'], {
      cwd: process.cwd(),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', () => reject(new Error(`npm run fakes exited before printing: ${stderr}`)));
      });
      const info = JSON.parse(firstLine) as {
        endpoints: Record<string, string>;
        env: Record<string, string>;
        caCertPath: string;
      };
      expect(Object.keys(info).sort()).toEqual(['caCertPath', 'endpoints', 'env']);
      expect(Object.keys(info.endpoints).sort()).toEqual([
        'authority',
        'control',
        'identity',
        'keyVault',
        's3',
        'sentinel',
      ]);
      expect(info.env.NODE_EXTRA_CA_CERTS).toBe(info.caCertPath);
      expect(existsSync(info.caCertPath)).toBe(true);
      const faults = await rawRequest(`${info.endpoints.control}/__chaos/faults`);
      expect(faults.ok && faults.status).toBe(200);
      const s3 = await rawRequest(`${info.endpoints.s3}/`);
      expect(s3.ok).toBe(true);

      process.kill(findTsxLauncher(child.pid!), 'SIGTERM');
      expect(await exited).toBe(0);
      for (const url of Object.values(info.endpoints)) {
        expect(await rawRequest(url)).toMatchObject({ ok: false, code: 'ECONNREFUSED' });
      }
      expect(existsSync(info.caCertPath)).toBe(false);
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
  });

  it('stops cleanly when the whole process group gets SIGTERM (what `kill %1` or Ctrl-C does)', async () => {
    const child = spawn('npm', ['run', '-s', 'fakes', '--', '--json'], {
      cwd: process.cwd(),
      detached: true,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    try {
      const info = JSON.parse(
        await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve)),
      ) as { endpoints: Record<string, string>; caCertPath: string };
      process.kill(-child.pid!, 'SIGTERM');
      // npm itself dies of the signal at once; the fakes process finishes its cleanup after it.
      const deadline = Date.now() + 10_000;
      while (existsSync(info.caCertPath) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(existsSync(info.caCertPath)).toBe(false);
      for (const url of Object.values(info.endpoints)) {
        expect(await rawRequest(url)).toMatchObject({ ok: false, code: 'ECONNREFUSED' });
      }
    } finally {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });

  it('rejects an unknown flag with exit code 2 and names it', async () => {
    const failure = await run('npm', ['run', '-s', 'fakes', '--', '--jsno'], { cwd: process.cwd() }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toContain('unknown flag --jsno');
    const badSeed = await run('npm', ['run', '-s', 'fakes', '--', '--seed', 'abc'], { cwd: process.cwd() }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(badSeed).toMatchObject({ code: 2, stderr: expect.stringContaining('--seed') });
  });
});
