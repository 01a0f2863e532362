/**
 * The python target end to end on our stand-in checkout (python/standin, git-initialised into a
 * temp dir): provisioning into the hashed venv cache, launch under libfaketime at x10 against the
 * real fakes, environment scrubbing, breaker transitions from the log, failed-batch discovery,
 * replay, fixed-port clash detection, and cleanup (no process, no port left).
 */

import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedFakes, startFakes } from '../../fakes/index.js';
import { RUNBOOK_BREAKER_DEFAULTS } from '../../harness/domain/breaker.js';
import { InfrastructureError } from '../../harness/errors.js';
import { findPython } from '../../harness/targets/python/find-python.js';
import {
  createPythonTarget,
  DEFAULT_VENV_CACHE_DIR,
  findPortClashes,
  type PythonPreparedTarget,
} from '../../harness/targets/python/index.js';
import { provisionVenv } from '../../harness/targets/python/provision-venv.js';
import type { TargetLogEvent, TargetProcess } from '../../harness/targets/target.js';
import { createStandinCheckout, type StandinCheckout } from './standin-checkout.js';

const TIME_SCALE = 10;
const BUCKET = 'chaos-logs';
const PREFIX = 'logs/';
const SEEDED = 12;
/** Variables planted in the harness's own environment that must NOT reach the connector. */
const LEAKS = {
  APP_AWS_BUCKET_NAME: 'leaked-bucket',
  AZURE_CLIENT_ID: 'leaked',
  AWS_PROFILE: 'leaked',
  MSI_ENDPOINT: 'http://leak',
  IDENTITY_SERVER_THUMBPRINT: 'leak',
};

const line = (n: number): string =>
  `2024-01-01T00:00:00Z|10.0.0.1|10.0.0.2|allow|rule-1|tcp|40000|443|${1_000_000 + n}`;

interface Seen {
  readonly record: string;
  readonly stream: string;
  readonly wallMs: number;
  readonly events: readonly TargetLogEvent[];
}

/** Resolves when `predicate` holds for a record (history included), or rejects at the deadline. */
function waitForRecord(
  seen: Seen[],
  proc: TargetProcess,
  what: string,
  predicate: (s: Seen) => boolean,
  timeoutMs: number,
): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const hit = seen.find(predicate);
      if (!hit) return false;
      clearTimeout(timer);
      clearInterval(poll);
      resolve(hit);
      return true;
    };
    const timer = setTimeout(() => {
      clearInterval(poll);
      reject(
        new Error(
          `Timed out after ${timeoutMs} ms waiting for ${what}. Last records:\n${seen
            .slice(-10)
            .map((s) => s.record)
            .join('\n')}`,
        ),
      );
    }, timeoutMs);
    const poll = setInterval(check, 20);
    void proc.exited.then(() => setTimeout(() => !check() && reject(new Error(`Process exited before ${what}`)), 100));
    check();
  });
}

const transition = (from: string, to: string) => (s: Seen) =>
  s.events.some(
    (e) => e.kind === 'breaker_transition' && e.breaker === 'azure-sentinel' && e.from === from && e.to === to,
  );

describe('python target on the stand-in checkout', () => {
  let checkout: StandinCheckout;
  let fakes: StartedFakes;
  let workDir: string;
  let prepared: PythonPreparedTarget;

  beforeAll(async () => {
    checkout = await createStandinCheckout();
    fakes = await startFakes({ seed: 1, timeScale: TIME_SCALE });
    fakes.s3.createBucket(BUCKET);
    for (let n = 1; n <= SEEDED; n += 1) fakes.s3.putObject(BUCKET, `${PREFIX}fw-1-${n}.log`, line(n));
    workDir = await mkdtemp(join(tmpdir(), 'chaos-python-target-'));
    const saved = Object.fromEntries(Object.keys(LEAKS).map((k) => [k, process.env[k]]));
    Object.assign(process.env, LEAKS);
    try {
      prepared = (await createPythonTarget({ connectorDir: checkout.dir }).prepare({
        workDir,
        fakesEnv: fakes.env,
        endpoints: fakes.endpoints,
        bucket: BUCKET,
        prefix: PREFIX,
        ruleId: 'dcr-standin',
        stream: 'Custom-Standin_CL',
        secretName: 'unused',
        timeScale: TIME_SCALE,
        seed: 1,
        // This file tests the target's plumbing (venv, launch, log clock, replay), not where the
        // product writes: the configured directory is the one its router writes to anyway. By
        // default it is elsewhere, and the gate's failed_batches_where_configured judges that.
        options: { failed_batches_dir: join(workDir, 'connector', 'failed_batches') },
        shims: [],
        pollIntervalMs: 1_000,
        breakerConfig: RUNBOOK_BREAKER_DEFAULTS,
        sentinelEndpointFor: (command: string) => `${fakes.endpoints.sentinel}/~${command}`,
      })) as PythonPreparedTarget;
    } finally {
      for (const [k, v] of Object.entries(saved))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
  }, 300_000);

  afterAll(async () => {
    await prepared?.[Symbol.asyncDispose]();
    await fakes?.stop();
    await checkout?.remove();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('provisions a venv cached by the requirements hash and records commit, version and SDKs', async () => {
    expect(prepared.versions.target).toMatchObject({
      name: 'python',
      connector: 's3-sentinel-connector 0.0.0-standin',
      commit: checkout.commit,
      dirty: 'no',
      shims: 'none',
      launcher: 'python -m s3_sentinel.cli',
    });
    expect(prepared.versions.sdks).toMatchObject({
      boto3: '1.43.11',
      'azure-monitor-ingestion': '1.1.0',
      'azure-identity': '1.27.0',
    });
    const again = await provisionVenv({
      requirementsPath: join(checkout.dir, 'requirements.txt'),
      interpreter: await findPython(),
      cacheDir: DEFAULT_VENV_CACHE_DIR,
    });
    expect(again.reused).toBe(true);
    expect(prepared.versions.target.venv).toBe(again.hash);
    expect(createPythonTarget({ connectorDir: checkout.dir }).parallelSafe).toBe(false);
    expect(prepared.failedBatchesDir).toBe(join(prepared.cwd, 'failed_batches'));
  });

  it('runs under libfaketime at the requested scale, as measured by a probe', () => {
    expect(prepared.timeScaleProbe).not.toBeNull();
    expect(prepared.timeScaleProbe!.measuredScale).toBeGreaterThan(TIME_SCALE * 0.8);
    expect(prepared.timeScaleProbe!.measuredScale).toBeLessThan(TIME_SCALE * 1.2);
    expect(prepared.env.FAKETIME).toBe(`+0 x${TIME_SCALE}`);
  });

  it('runs the checkout: scrubbed env, breaker OPEN → HALF_OPEN → CLOSED from its log at x10, ' +
    'failed batches found, nothing left behind', async () => {
    fakes.faults.add({
      id: 'upload-401',
      target: { service: 'sentinel', operation: 'Upload' },
      effect: { kind: 'http_error', status: 401 },
    });
    const proc = await prepared.launch('run');
    const seen: Seen[] = [];
    proc.onLogRecord((record, stream) =>
      seen.push({ record, stream, wallMs: Date.now(), events: prepared.readLogRecord(record).events }),
    );
    try {
      // Environment: only what the target set; the planted leaks never arrive.
      const envRecord = await waitForRecord(
        seen,
        proc,
        'the env line',
        (s) => s.record.includes('standin env: '),
        30_000,
      );
      const names = envRecord.record.split('standin env: ')[1]!.trim().split(',');
      for (const leaked of Object.keys(LEAKS)) expect(names).not.toContain(leaked);
      // Only the endpoint the target sets itself, labelled for this process; the planted APP_ leaks are gone.
      expect(names.filter((n) => n.startsWith('APP_'))).toEqual(['APP_SENTINEL_DCR_ENDPOINT']);
      expect(names).toEqual(
        expect.arrayContaining([
          'AWS_ENDPOINT_URL_S3',
          'AWS_CA_BUNDLE',
          'IDENTITY_ENDPOINT',
          'IDENTITY_HEADER',
          'AWS_CONFIG_FILE',
        ]),
      );

      // 401 on every upload: 9 failures, then the 10th call opens the breaker (min 10 calls).
      const opened = await waitForRecord(seen, proc, 'CLOSED → OPEN', transition('CLOSED', 'OPEN'), 30_000);
      expect(seen.filter((s) => s.events.some((e) => e.kind === 'breaker_failure')).length).toBeGreaterThanOrEqual(9);
      const health = await fetch(`${prepared.healthUrl()}/health`);
      expect(health.status).toBe(200);

      // Failed batches are where the process writes them: <cwd>/failed_batches.
      // Every seeded record fails once (10 with 401, the rest rejected while OPEN) and is stored.
      const isStored = (s: Seen): boolean => s.events.some((e) => e.kind === 'batch_stored');
      await waitForRecord(seen, proc, `${SEEDED} stored batches`, () => seen.filter(isStored).length >= SEEDED, 15_000);
      const files = (await readdir(prepared.failedBatchesDir)).filter((f) => f.endsWith('.json'));
      expect(files.length).toBe(SEEDED);

      // Lift the fault and keep records arriving, so the breaker is called after its 60 s timeout.
      fakes.faults.remove('upload-401');
      let next = SEEDED + 1;
      const feeder = setInterval(() => fakes.s3.putObject(BUCKET, `${PREFIX}fw-1-${next}.log`, line(next++)), 300);
      let halfOpen: Seen;
      try {
        halfOpen = await waitForRecord(seen, proc, 'OPEN → HALF_OPEN', transition('OPEN', 'HALF_OPEN'), 30_000);
        await waitForRecord(seen, proc, 'HALF_OPEN → CLOSED', transition('HALF_OPEN', 'CLOSED'), 15_000);
      } finally {
        clearInterval(feeder);
      }
      // 60 target seconds of recovery timeout, in about 6 wall seconds: the log clock says so.
      const loggedAt = (record: string): number => prepared.readLogRecord(record).loggedAtMs ?? Number.NaN;
      const loggedMs = loggedAt(halfOpen.record) - loggedAt(opened.record);
      const wallMs = halfOpen.wallMs - opened.wallMs;
      expect(loggedMs).toBeGreaterThanOrEqual(60_000);
      expect(loggedMs / wallMs).toBeGreaterThan(TIME_SCALE * 0.7);
      expect(loggedMs / wallMs).toBeLessThan(TIME_SCALE * 1.3);
      expect(fakes.ingest.count().distinct).toBeGreaterThanOrEqual(2);
    } finally {
      await proc.stop();
    }
    const exit = await proc.exited;
    expect(exit.signal ?? exit.code).not.toBeUndefined();
    expect(() => process.kill(proc.pid, 0)).toThrow();
    expect(prepared.healthUrl()).toBeNull();
    expect(await findPortClashes()).toEqual([]);
  }, 120_000);

  it('replay-failed sends the stored batches and archives them', async () => {
    const files = (await readdir(prepared.failedBatchesDir)).filter((f) => f.endsWith('.json'));
    const proc = await prepared.launch('replay-failed');
    const out: string[] = [];
    const all: string[] = [];
    proc.onLogRecord((record, stream) => {
      all.push(record);
      if (stream === 'stdout') out.push(record);
    });
    const exit = await proc.exited;
    expect(exit.code, all.join('\n')).toBe(0);
    expect(out.join('\n')).toContain(`Replay complete: processed=${files.length} archived=${files.length} failed=0`);
    expect(existsSync(join(prepared.failedBatchesDir, 'archived'))).toBe(true);
    expect((await readdir(join(prepared.failedBatchesDir, 'archived'))).length).toBe(files.length);
    // Every seeded record failed during the outage; after replay each one has arrived.
    const delivered = new Set(fakes.ingest.records().map((r) => Number(r.record.BytesTransferred)));
    for (let n = 1; n <= SEEDED; n += 1) expect(delivered.has(1_000_000 + n)).toBe(true);
  }, 60_000);

  it('refuses to launch when a fixed port is taken, naming the port', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen({ port: 8080, host: '127.0.0.1' }, resolve));
    try {
      const launch = prepared.launch('run');
      await expect(launch).rejects.toThrow(InfrastructureError);
      await expect(launch).rejects.toThrow(
        /port 8080 \(EADDRINUSE on (0\.0\.0\.0|127\.0\.0\.1)\) is not free.*ss -ltnp/,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
