/**
 * The container target end to end on our stand-in (python/standin, git-initialised into a temp
 * dir): its Dockerfile built by podman on the locally built Debian base (no registry), replicas
 * as containers through testcontainers on our own podman socket, the fakes reached from each
 * container's network namespace. Per replica: breaker transitions, failed-batch files read from
 * inside the container, /health samples, deliveries in the ledger. After a passing run, a failing
 * run and Ctrl-C, nothing is left: no container, no podman service, no socket, no port.
 *
 * @note Costs: the base image is built once per machine (about a minute, cached by hash); each
 * run here takes 15–60 s of wall time at ×10 on two cores.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../harness/observe/events.js';
import { getScenario } from '../../scenarios/index.js';
import { runCli } from '../harness/helpers/run-cli.js';
import { expectationNamed, isAlive, refuses, type TrackedRun, trackedRun } from '../harness/helpers/tracked-run.js';
import { createStandinCheckout, type StandinCheckout } from '../python-target/standin-checkout.js';
import { containersOf, leftoversOf, mappedPortsOf } from './leftovers.js';

let checkout: StandinCheckout;
let scratch: string;

beforeAll(async () => {
  checkout = await createStandinCheckout();
  scratch = await mkdtemp(join(tmpdir(), 'chaos-container-test-'));
});
afterAll(async () => {
  await checkout?.remove();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** A scenario on the container target, in this process, with every port it used recorded. */
async function containerRun(scenario: string, options: { replicas: number; timeScale: number }): Promise<TrackedRun> {
  const mapped = new Set<number>();
  const run = await trackedRun(getScenario(scenario)!, {
    target: 'container',
    connectorDir: checkout.dir,
    replicas: options.replicas,
    timeScale: options.timeScale,
    onEvent: (event: RunEvent) => {
      // Every replica is up: read their mapped /health and /metrics ports from podman itself.
      if (event.type === 'target:ready') for (const port of mappedPortsOf(process.pid)) mapped.add(port);
    },
  });
  // /health and /metrics of each replica were mapped to this machine, and are checked afterwards.
  expect(mapped.size).toBeGreaterThanOrEqual(2 * options.replicas);
  return { ...run, ports: [...run.ports, ...mapped] };
}

async function expectNothingLeftOf(run: TrackedRun, ownerPid = process.pid): Promise<void> {
  expect(leftoversOf(ownerPid)).toEqual({ containers: [], socketDir: null, services: [] });
  for (const pid of run.pids) expect(isAlive(pid), `container process ${pid} still alive`).toBe(false);
  for (const port of run.ports) expect(await refuses(port), `port ${port} still accepts connections`).toBe(true);
}

const replicasOf = <T extends { replica?: number }>(events: readonly T[]): number[] =>
  [...new Set(events.map((e) => e.replica ?? 0))].sort();

/** Transitions, failed batches, /health and deliveries, each seen for replicas 1 and 2. */
function expectObservedPerReplica(run: TrackedRun): void {
  const of = <K extends RunEvent['type']>(type: K) =>
    run.events.filter((e): e is Extract<RunEvent, { type: K }> => e.type === type);
  const opened = of('breaker:transitioned').filter((e) => e.breaker === 'azure-sentinel' && e.to === 'OPEN');
  expect(replicasOf(opened)).toEqual([1, 2]);
  expect(replicasOf(of('batch-file:created'))).toEqual([1, 2]);
  expect(replicasOf(of('probe:sampled').filter((e) => e.health === 200))).toEqual([1, 2]);
  expect(replicasOf(of('record:ingested').filter((e) => e.origin === 'run'))).toEqual([1, 2]);
  const launched = of('target:launched').filter((e) => e.command === 'run');
  expect(replicasOf(launched)).toEqual([1, 2]);
}

describe('container target on the stand-in image, two replicas', () => {
  it('rate-limit: per-replica lanes and failed batches, one ledger across replicas; nothing left', async () => {
    const run = await containerRun('rate-limit', { replicas: 2, timeScale: 10 });
    expect(run.error, String(run.error)).toBeUndefined();
    const result = run.result!;
    expect(result.target).toBe('container');
    expect(result.replicas).toBe(2);
    expectObservedPerReplica(run);
    for (const lane of ['[r1]', '[r2]']) {
      expect(expectationNamed(result, 'breaker_sequence', lane).observed).toContain('OPEN');
      expect(expectationNamed(result, 'failed_batches_written', lane).passed).toBe(true);
      expect(expectationNamed(result, 'target_alive', lane).observed).toMatch(/[1-9]\d* sample\(s\)/);
    }
    // Both replicas read the whole bucket (the connector keeps no processed state, contract §4.4):
    // the ledger, counted across replicas, sees each record delivered twice. Verdict: failed.
    expect(result.ledger.seeded).toBeGreaterThan(0);
    expect(result.ledger.lost).toBe(0);
    expect(result.ledger.duplicates).toBeGreaterThan(0);
    expect(result.verdict).toBe('failed');
    // The base image substitution is declared, as a shim would be.
    expect(result.assistance).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'substitution', name: 'base-image' })]),
    );
    expect(result.versions.target.baseImage).toMatch(/python:3\.12-slim substituted by a Debian-built python3/);
    await expectNothingLeftOf(run);
  });

  it('replicas-outage: every replica opens its own breaker and stores its own batches; nothing left', async () => {
    const run = await containerRun('replicas-outage', { replicas: 2, timeScale: 10 });
    expect(run.error, String(run.error)).toBeUndefined();
    expect(run.result!.replicas).toBe(2);
    expectObservedPerReplica(run);
    const oneshots = run.events.filter((e) => e.type === 'target:launched' && e.command === 'replay-failed');
    expect(replicasOf(oneshots as { replica?: number }[])).toEqual([1, 2]);
    await expectNothingLeftOf(run);
  });
});

describe('container target: endings', () => {
  it('a passing run (baseline, one replica at ×2) leaves nothing behind', async () => {
    const run = await containerRun('baseline', { replicas: 1, timeScale: 2 });
    expect(run.error, String(run.error)).toBeUndefined();
    expect(run.result!.verdict, JSON.stringify(run.result!.expectations.filter((e) => !e.passed))).toBe('passed');
    await expectNothingLeftOf(run);
  });

  it('Ctrl-C while replicas run exits 2 "interrupted" and leaves nothing behind', async () => {
    const cli = runCli([
      'replicas-outage',
      '--target',
      'container',
      '--connector',
      checkout.dir,
      '--replicas',
      '2',
      '--time-scale',
      '10',
      '--verbose',
      '--out',
      scratch,
    ]);
    const pid = cli.child.pid!;
    await cli.waitForStderr(/step \S+: done/);
    const running = containersOf(pid);
    const ports = mappedPortsOf(pid);
    expect(ports.length).toBeGreaterThanOrEqual(4);
    // podman 4.3 prints the state as `Up 3 seconds ago`.
    expect(running.filter((c) => / Up /.test(c)).length, running.join('\n')).toBeGreaterThanOrEqual(2);
    expect(leftoversOf(pid).services.length).toBeGreaterThan(0);
    cli.child.kill('SIGINT');
    const { code, stderr } = await cli.done;
    expect(code, stderr).toBe(2);
    expect(stderr).toContain('[chaos] interrupted');
    expect(leftoversOf(pid)).toEqual({ containers: [], socketDir: null, services: [] });
    for (const port of ports) expect(await refuses(port), `port ${port}`).toBe(true);
  });
});

describe('container target: bad input and the product failing to build', () => {
  const args = (dir: string, ...more: string[]) => [
    'rate-limit',
    '--target',
    'container',
    '--connector',
    dir,
    '--time-scale',
    '10',
    '--out',
    scratch,
    ...more,
  ];

  it('a checkout without a Dockerfile exits 2 and says what to do', async () => {
    const bare = await createStandinCheckout();
    try {
      await rm(join(bare.dir, 'Dockerfile'));
      const { code, stderr } = await runCli(args(bare.dir)).done;
      expect(code, stderr).toBe(2);
      expect(stderr).toContain('it has no Dockerfile, so there is no image to build');
      expect(stderr).toContain('--target python');
    } finally {
      await bare.remove();
    }
  });

  it('a podman that cannot start exits 2 and names the set-up step', async () => {
    const broken = join(scratch, 'podman-broken');
    await writeFile(broken, '#!/bin/sh\necho "cannot start: no runtime" >&2\nexit 125\n', { mode: 0o755 });
    const { code, stderr } = await runCli(args(checkout.dir), { CHAOS_PODMAN: broken }).done;
    expect(code, stderr).toBe(2);
    expect(stderr).toContain('podman');
    expect(stderr).toContain('npm run setup');
  });

  it('a Dockerfile that does not build is verdict failed, with the build log as evidence', async () => {
    const bad = await createStandinCheckout();
    try {
      const text = readFileSync(join(bad.dir, 'Dockerfile'), 'utf8');
      await writeFile(join(bad.dir, 'Dockerfile'), text.replace('COPY src src', 'COPY no-such-dir src'));
      const { code, stderr } = await runCli(args(bad.dir)).done;
      expect(code, stderr).toBe(1);
      const result = JSON.parse(readFileSync(join(scratch, 'rate-limit.json'), 'utf8'));
      expect(result.verdict).toBe('failed');
      const first = result.expectations[0];
      expect(first.passed).toBe(false);
      expect(first.name).toContain('image builds');
      expect(first.evidence.join('\n')).toContain('no-such-dir');
      // It failed on our substituted base, and the result says so.
      expect(result.assistance).toEqual([expect.objectContaining({ kind: 'substitution', name: 'base-image' })]);
      expect(result.versions.target.baseImage).toMatch(/substituted by a Debian-built python3/);
    } finally {
      await bad.remove();
    }
  });
});
