import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNBOOK_BREAKER_DEFAULTS } from '../../harness/domain/breaker.js';
import { ChaosError, InfrastructureError, UsageError } from '../../harness/errors.js';
import { findPython } from '../../harness/targets/python/find-python.js';
import { createPythonTarget, parsePythonTargetOptions } from '../../harness/targets/python/index.js';
import { provisionVenv } from '../../harness/targets/python/provision-venv.js';
import { acquireFileLock } from '../../harness/targets/shared/file-lock.js';
import type { TargetContext } from '../../harness/targets/target.js';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'chaos-python-bad-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function contextFor(workDir: string, overrides: Partial<TargetContext> = {}): TargetContext {
  return {
    workDir,
    fakesEnv: {},
    endpoints: {
      s3: 'http://127.0.0.1:1',
      keyVault: 'https://127.0.0.1:1',
      sentinel: 'https://127.0.0.1:1',
      identity: 'http://127.0.0.1:1/msi/token',
    },
    bucket: 'b',
    prefix: 'logs/',
    ruleId: 'r',
    stream: 's',
    secretName: 'k',
    timeScale: 1,
    seed: 1,
    options: {},
    shims: [],
    pollIntervalMs: 1_000,
    breakerConfig: RUNBOOK_BREAKER_DEFAULTS,
    sentinelEndpointFor: (command: string) => `https://127.0.0.1:1/~${command}`,
    ...overrides,
  };
}

describe('python target: bad input is a clear error the CLI maps to exit 2', () => {
  it('rejects a directory that does not exist', async () => {
    const prepare = createPythonTarget({ connectorDir: join(scratch, 'nope') }).prepare(contextFor(scratch));
    await expect(prepare).rejects.toThrow(UsageError);
    await expect(prepare).rejects.toThrow(/does not exist.*--connector/);
  });

  it('rejects a directory that is not a connector checkout', async () => {
    await writeFile(join(scratch, 'requirements.txt'), 'boto3\n');
    await expect(createPythonTarget({ connectorDir: scratch }).prepare(contextFor(scratch))).rejects.toThrow(
      /src\/s3_sentinel\/cli\.py is missing, so it is not a connector checkout/,
    );
  });

  it('reports a missing Python interpreter with the way to fix it', async () => {
    const error = await findPython({ CHAOS_PYTHON: join(scratch, 'no-such-python') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InfrastructureError);
    expect((error as Error).message).toMatch(/Failed to find Python for the python target: ENOENT.*set CHAOS_PYTHON/);
  });

  it("reports a failed pip install with pip's own output, and leaves no half-built venv", async () => {
    // A malformed requirement fails inside pip before any network access.
    const requirementsPath = join(scratch, 'bad-requirements.txt');
    await writeFile(requirementsPath, 'this is ===not a requirement\n');
    const interpreter = await findPython();
    const error = await provisionVenv({ requirementsPath, interpreter, cacheDir: join(scratch, 'venvs') }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InfrastructureError);
    expect((error as Error).message).toMatch(
      /Failed to install the connector's requirements \(pip exited 1\)[\s\S]*Check network access to PyPI/,
    );
    expect((error as ChaosError) instanceof ChaosError).toBe(true);
    expect(await readdir(join(scratch, 'venvs'))).toEqual([]);
  }, 120_000);

  it('validates target options and shims by name', () => {
    expect(() => parsePythonTargetOptions({ nonsense: '1' }, [])).toThrow(
      /unknown option "nonsense".*Valid --target-option names: batch_size/,
    );
    expect(() => parsePythonTargetOptions({}, ['monkey'])).toThrow(
      /unknown shim "monkey".*shims: upload-adapter, failed-batches-dir, breaker-config/,
    );
    expect(() => parsePythonTargetOptions({ recovery_timeout: '5' }, [])).toThrow(/add --shim breaker-config/);
    expect(() => parsePythonTargetOptions({ batch_size: '0' }, [])).toThrow(/batch_size=0 must be a whole number >= 1/);
    expect(() => parsePythonTargetOptions({ drop_failed_batches: 'true' }, [])).toThrow(
      /test knob of the reference target/,
    );
    const parsed = parsePythonTargetOptions({ recovery_timeout: '5', kv_failure_threshold: '2', batch_size: '3' }, [
      'breaker-config',
      'upload-adapter',
    ]);
    expect(parsed.breakerConfig.recovery_timeout).toBe(5);
    expect(parsed.breakerOverrides).toEqual({ recovery_timeout: 5, kv_failure_threshold: 2 });
    expect(parsed.awsBatchSize).toBe(3);
  });

  it('waits for a lock held by another live process, and takes over a stale one', async () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    const lockPath = join(scratch, 'ports.lock');
    try {
      await writeFile(lockPath, `${holder.pid}\n`);
      await expect(acquireFileLock(lockPath, { purpose: 'the test ports', timeoutMs: 300 })).rejects.toThrow(
        new RegExp(`pid ${holder.pid} has held .*kill ${holder.pid}`),
      );
    } finally {
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    const lock = await acquireFileLock(lockPath, { purpose: 'the test ports', timeoutMs: 1_000 });
    lock.release();
    lock.release();
  });
});
