/**
 * Runs a scenario in-process while recording every process it launched and every port it
 * listened on (from the run's own events), then proves nothing is left: every pid and process
 * group is gone and every port refuses connections.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { RunEvent } from '../../../harness/observe/events.js';
import type { ScenarioResultFile } from '../../../harness/result/result-schema.js';
import { type RunOptions, runScenario } from '../../../harness/run/run-scenario.js';
import type { Scenario } from '../../../harness/scenario/types.js';

export interface TrackedRun {
  readonly result?: ScenarioResultFile;
  readonly error?: unknown;
  readonly pids: readonly number[];
  readonly ports: readonly number[];
  readonly events: readonly RunEvent[];
}

export async function trackedRun(scenario: Scenario, overrides: Partial<RunOptions> = {}): Promise<TrackedRun> {
  const outDir = await mkdtemp(join(tmpdir(), 'chaos-test-out-'));
  const pids: number[] = [];
  const ports: number[] = [];
  const events: RunEvent[] = [];
  const onEvent = (event: RunEvent): void => {
    overrides.onEvent?.(event);
    events.push(event);
    if (event.type === 'target:launched') pids.push(event.pid);
    if (event.type === 'fakes:started')
      for (const url of Object.values(event.endpoints)) ports.push(Number(new URL(url).port));
    if (event.type === 'target:ready' && event.healthUrl) ports.push(Number(new URL(event.healthUrl).port));
  };
  try {
    const result = await runScenario(scenario, {
      target: 'reference',
      targetOptions: {},
      shims: [],
      timeScale: 10,
      seed: 1,
      outDir,
      verbose: false,
      ...overrides,
      onEvent,
    });
    return { result, pids, ports, events };
  } catch (error) {
    return { error, pids, ports, events };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/** Nothing the run started is still alive or listening. */
export async function expectNothingLeft(run: Pick<TrackedRun, 'pids' | 'ports'>): Promise<void> {
  for (const pid of run.pids) {
    expect(isAlive(pid), `pid ${pid} still alive`).toBe(false);
    expect(isAlive(-pid), `process group ${pid} still alive`).toBe(false);
  }
  for (const port of run.ports) expect(await refuses(port), `port ${port} still accepts connections`).toBe(true);
}

export function expectationNamed(
  result: ScenarioResultFile,
  kind: string,
  nameIncludes = '',
): ScenarioResultFile['expectations'][number] {
  const found = result.expectations.find((e) => e.kind === kind && e.name.includes(nameIncludes));
  if (!found)
    throw new Error(
      `no ${kind} expectation named like "${nameIncludes}" in ${result.expectations.map((e) => e.name).join(', ')}`,
    );
  return found;
}
