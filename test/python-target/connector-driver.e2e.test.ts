/**
 * Our driver (python/driver/connector_driver.py) on a miniature checkout that makes the same
 * calls the real connector makes (connector-contract §1.5, §1.6): the router's 4-positional
 * `upload` with gzipped bytes, `CircuitBreakerConfig(...)` with explicit values, and a router
 * whose `failed_logs_path` is unset. Without shims the real SDK refuses the call; with
 * `upload-adapter` the record reaches the Sentinel fake through the SDK's own pipeline.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedFakes, startFakes } from '../../fakes/index.js';
import { buildChildEnv } from '../../harness/targets/python/child-env.js';
import { findPython } from '../../harness/targets/python/find-python.js';
import { CONNECTOR_DRIVER_PATH, DEFAULT_VENV_CACHE_DIR } from '../../harness/targets/python/index.js';
import { type ProvisionedVenv, provisionVenv } from '../../harness/targets/python/provision-venv.js';
import { runCommand } from '../../harness/targets/shared/run-command.js';
import { STANDIN_SOURCE } from './standin-checkout.js';

const ROUTER = `
from dataclasses import dataclass

@dataclass
class CircuitBreakerConfig:
    failure_threshold: int = 5
    recovery_timeout: int = 60

class SentinelRouter:
    def __init__(self):
        # Explicit values, as the real router passes them (dataclass defaults have no effect).
        self.config = CircuitBreakerConfig(failure_threshold=5, recovery_timeout=60)
`;

const CLI = `
import gzip, json, os
from azure.identity import DefaultAzureCredential
from azure.monitor.ingestion import LogsIngestionClient
from src.core.sentinel_router import SentinelRouter

def main(argv=None):
    router = SentinelRouter()
    print("recovery_timeout=%s" % router.config.recovery_timeout, flush=True)
    print("failed_logs_path=%s" % getattr(router, "failed_logs_path", "./failed_batches"), flush=True)
    client = LogsIngestionClient(endpoint=os.environ["SENTINEL_DCR_ENDPOINT"], credential=DefaultAzureCredential())
    body = gzip.compress(json.dumps([{"BytesTransferred": 1000001}]).encode())
    # The real router's call shape (src/core/sentinel_router.py:414-421).
    client.upload("dcr-driver", "Custom-Driver_CL", body, "application/json")
    print("uploaded", flush=True)
    return 0
`;

describe('connector_driver.py shims on a miniature checkout', () => {
  let fakes: StartedFakes;
  let checkout: string;
  let venv: ProvisionedVenv;
  let env: Record<string, string>;

  beforeAll(async () => {
    fakes = await startFakes({ seed: 1 });
    checkout = await mkdtemp(join(tmpdir(), 'chaos-driver-'));
    await mkdir(join(checkout, 'src', 'core'), { recursive: true });
    await mkdir(join(checkout, 'src', 's3_sentinel'), { recursive: true });
    await writeFile(join(checkout, 'src', 'core', 'sentinel_router.py'), ROUTER);
    await writeFile(join(checkout, 'src', 's3_sentinel', '__init__.py'), '');
    await writeFile(join(checkout, 'src', 's3_sentinel', 'cli.py'), CLI);
    // The stand-in's pins: same hash, same cached venv as the stand-in test.
    venv = await provisionVenv({
      requirementsPath: join(STANDIN_SOURCE, 'requirements.txt'),
      interpreter: await findPython(),
      cacheDir: DEFAULT_VENV_CACHE_DIR,
    });
    env = buildChildEnv({ fakesEnv: fakes.env, connectorDir: checkout, venvDir: venv.dir, homeDir: checkout });
  }, 300_000);

  afterAll(async () => {
    await fakes?.stop();
    if (checkout) await rm(checkout, { recursive: true, force: true });
  });

  const drive = (driverArgs: string[]) =>
    runCommand(
      venv.python,
      [
        CONNECTOR_DRIVER_PATH,
        '--connector',
        checkout,
        ...driverArgs,
        '--',
        'ingest',
        '--failed-batches-dir',
        '/tmp/chaos-flag-dir',
      ],
      { env, cwd: checkout, timeoutMs: 60_000 },
    );

  it(
    'without shims nothing is adapted: ' + 'the real SDK refuses the router-shaped call and nothing reaches Sentinel',
    async () => {
      const result = await drive([]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/TypeError: .*upload\(\) takes 4 positional arguments but 5 were given/);
      expect(result.stdout).toContain('recovery_timeout=60');
      expect(result.stdout).toContain('failed_logs_path=./failed_batches');
      expect(result.stderr).not.toContain('Compatibility shims active');
      expect(fakes.ingest.count().total).toBe(0);
    },
  );

  it('with upload-adapter, breaker-config and failed-batches-dir the calls are adapted and say so', async () => {
    const result = await drive([
      '--shim',
      'upload-adapter',
      '--shim',
      'breaker-config',
      '--shim',
      'failed-batches-dir',
      '--breaker-override',
      'recovery_timeout=7',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(
      new RegExp(
        String.raw`^\d{4}-\d{2}-\d{2} [\d:,]+ - chaos\.driver - WARNING - ` +
          String.raw`Compatibility shims active \(connector code adapted at import time\): ` +
          'upload-adapter, breaker-config, failed-batches-dir',
      ),
    );
    expect(result.stdout).toContain('recovery_timeout=7');
    expect(result.stdout).toContain('failed_logs_path=/tmp/chaos-flag-dir');
    expect(result.stdout).toContain('uploaded');
    const records = fakes.ingest.records();
    expect(records.map((r) => r.record.BytesTransferred)).toEqual([1000001]);
    expect(records[0]).toMatchObject({ ruleId: 'dcr-driver', stream: 'Custom-Driver_CL' });
  });

  it('refuses a breaker override without the breaker-config shim', async () => {
    const result = await drive(['--breaker-override', 'recovery_timeout=7']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('--breaker-override needs --shim breaker-config');
  });
});
