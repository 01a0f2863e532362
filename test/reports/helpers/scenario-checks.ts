/**
 * What each scenario of the gate suite must show on the reference target beyond its own
 * expectations: the breaker went through exactly the promised states, recovery came within the
 * stated bounds, the measured time scale is the requested one, and the network fault (for the
 * network scenarios) is on the timeline.
 */
import { execFileSync } from 'node:child_process';
import { expect } from 'vitest';
import type { ScenarioResultFile } from '../../../harness/result/result-schema.js';

const SENTINEL_BREAKER_SCENARIOS = ['rate-limit', 'sentinel-outage', 'auth-failure'];

export function checkScenarioResult(result: ScenarioResultFile): void {
  const id = result.scenario;
  expect(result.verdict, `${id}: ${result.error ?? ''}`).toBe('passed');
  // Measurable when the target's clock shows (failed-batch timestamps): the Key Vault scenarios store none.
  if (result.measuredTimeScale !== undefined) {
    expect(result.measuredTimeScale, id).toBeGreaterThan(result.timeScale * 0.9);
    expect(result.measuredTimeScale, id).toBeLessThan(result.timeScale * 1.1);
  }
  const network = result.faults.filter((f) => f.layer === 'network');
  if (SENTINEL_BREAKER_SCENARIOS.includes(id)) {
    const recovery = result.expectations.find((e) => e.kind === 'recovery_time');
    expect(recovery?.observed, id).toBeGreaterThanOrEqual(58_000);
    expect(recovery?.observed, id).toBeLessThanOrEqual(75_000);
    const transitions = result.transitions.filter((t) => t.command === 'run').map((t) => `${t.from}>${t.to}`);
    expect(transitions, id).toEqual(['CLOSED>OPEN', 'OPEN>HALF_OPEN', 'HALF_OPEN>CLOSED']);
    expect(result.ledger, id).toMatchObject({ lost: 0, duplicates: 0, inFailedBatches: 0 });
    expect(result.ledger.replayed, id).toBeGreaterThan(0);
  }
  if (id === 'keyvault-network') {
    expect(network).toEqual([expect.objectContaining({ ruleId: 'keyvault-partition', service: 'keyvault' })]);
    const states = result.transitions.map((t) => `${t.breaker}:${t.to}`);
    expect(states).toEqual(['azure-key-vault:OPEN', 'azure-key-vault:HALF_OPEN', 'azure-key-vault:CLOSED']);
  }
  if (id === 'sentinel-latency') {
    const [window] = network;
    expect(window).toMatchObject({ ruleId: 'sentinel-latency', service: 'sentinel' });
    // Only the network fault was active, so the opening failures were the timeouts it caused.
    expect(result.faults.filter((f) => f.layer === 'http')).toEqual([]);
    const opened = result.transitions.find((t) => t.breaker === 'azure-sentinel' && t.to === 'OPEN');
    expect(opened?.atMs).toBeGreaterThan(window?.startMs ?? Number.POSITIVE_INFINITY);
    expect(opened?.atMs).toBeLessThanOrEqual(window?.endMs ?? 0);
  }
  if (id === 's3-flaky-network') {
    expect(network).toEqual([expect.objectContaining({ ruleId: 's3-cut-mid-body', service: 's3' })]);
    expect(result.ledger).toMatchObject({ delivered: result.ledger.seeded, duplicates: 0, lost: 0 });
  }
}

/**
 * Processes a finished gate could have left behind: toxiproxy servers and reference targets whose
 * parent is gone (re-parented to init). Other test files' live children still have their parents.
 */
export function orphanedProcesses(): string[] {
  const out = execFileSync('ps', ['-eo', 'ppid=,stat=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && m[1] === '1' && !(m[2] ?? '').startsWith('Z'))
    .map((m) => m[3] ?? '')
    .filter((args) => /toxiproxy-server|targets\/reference\/main\.ts/.test(args));
}
