/**
 * The three network scenarios, end to end against the reference target through a real
 * Toxiproxy, at a time scale that keeps them short. Each must pass on its own expectations;
 * here we also check the network fault reached the result's timeline and that no Toxiproxy
 * process outlived the run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioResultFile } from '../../harness/result/result-schema.js';
import { formatVerdictTable, runScenario } from '../../harness/run/run-scenario.js';
import type { Scenario } from '../../harness/scenario/types.js';
import keyvaultNetwork from '../../scenarios/network/keyvault-network.js';
import s3FlakyNetwork from '../../scenarios/network/s3-flaky-network.js';
import sentinelLatency from '../../scenarios/network/sentinel-latency.js';
import { toxiproxyStartedByThisProcess } from './helpers/process-group.js';

/**
 * Target time per wall time. Key Vault runs slower: its breaker's 10 s operation timeout would be
 * 0.5 s of wall time at 20×, close to what a healthy TLS call can take on a loaded 2-core box.
 */
const TIME_SCALE = 20;
const KEY_VAULT_TIME_SCALE = 10;
let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'chaos-network-scenarios-'));
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

async function run(scenario: Scenario, timeScale = TIME_SCALE): Promise<ScenarioResultFile> {
  const result = await runScenario(scenario, {
    target: 'reference',
    targetOptions: {},
    shims: [],
    timeScale,
    seed: 1,
    outDir,
    verbose: false,
  });
  // Leave no Toxiproxy behind, whatever the verdict.
  expect(toxiproxyStartedByThisProcess()).toEqual([]);
  return result;
}

const explain = (result: ScenarioResultFile): string => `${result.error ?? ''}\n${formatVerdictTable(result)}`;
const networkWindows = (result: ScenarioResultFile) => result.faults.filter((f) => f.layer === 'network');

describe('network scenarios against the reference target', () => {
  it('keyvault-network: the cached secret is served while the breaker is OPEN, and it recovers', async () => {
    const result = await run(keyvaultNetwork, KEY_VAULT_TIME_SCALE);
    expect(result.verdict, explain(result)).toBe('passed');
    expect(networkWindows(result)).toEqual([
      expect.objectContaining({ ruleId: 'keyvault-partition', service: 'keyvault', endMs: expect.any(Number) }),
    ]);
    expect(result.transitions.map((t) => `${t.breaker}:${t.to}`)).toEqual([
      'azure-key-vault:OPEN',
      'azure-key-vault:HALF_OPEN',
      'azure-key-vault:CLOSED',
    ]);
  });

  it(
    'sentinel-latency: uploads slower than the operation timeout open the breaker; ' + 'nothing is lost after replay',
    async () => {
      const result = await run(sentinelLatency);
      expect(result.verdict, explain(result)).toBe('passed');
      const [window] = networkWindows(result);
      expect(window).toMatchObject({ ruleId: 'sentinel-latency', service: 'sentinel' });
      // Only the network fault was active, so the opening failures were the timeouts it caused.
      expect(result.faults.filter((f) => f.layer === 'http')).toEqual([]);
      const opened = result.transitions.find((t) => t.breaker === 'azure-sentinel' && t.to === 'OPEN')!;
      expect(opened.atMs).toBeGreaterThan(window!.startMs);
      expect(opened.atMs).toBeLessThanOrEqual(window!.endMs!);
      expect(result.ledger).toMatchObject({ lost: 0 });
    },
  );

  it('s3-flaky-network: reads cut mid-body are retried and every object is delivered exactly once', async () => {
    const result = await run(s3FlakyNetwork);
    expect(result.verdict, explain(result)).toBe('passed');
    expect(networkWindows(result)).toEqual([expect.objectContaining({ ruleId: 's3-cut-mid-body', service: 's3' })]);
    expect(result.ledger).toMatchObject({ seeded: 20, delivered: 20, duplicates: 0, lost: 0 });
  });
});
