/**
 * Test helpers for the reference target's process tests: a TargetContext built from real fakes,
 * seeding in the CONTRACTS §2 shape, log capture, and waits on conditions with deadlines.
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { type StartedFakes, startFakes } from '../../fakes/index.js';
import { RUNBOOK_BREAKER_DEFAULTS } from '../../harness/domain/breaker.js';
import { objectKey, renderObject, type SeedShape } from '../../harness/seed/corpus/render-object.js';
import { type SourceRecord, sourceRecord } from '../../harness/seed/corpus/source-record.js';
import { referenceTarget } from '../../harness/targets/reference/index.js';
import type { PreparedTarget, TargetContext, TargetLogEvent, TargetProcess } from '../../harness/targets/target.js';

export const BUCKET = 'chaos-logs';
export const PREFIX = 'logs/';
export const RULE_ID = 'dcr-reference-test';
export const STREAM = 'Custom-FirewallLogs';
export const SECRET_NAME = 'connector-secret';

export const recordId = (n: number): number => 1_000_000 + n;
export const firewallLine = (n: number): string =>
  `2024-01-01T00:00:00Z|10.0.0.1|10.0.0.2|allow|rule-1|tcp|40000|443|${recordId(n)}`;

export function seedRecords(fakes: StartedFakes, from: number, count: number, seed = 7): number[] {
  if (!fakes.s3.listKeys) throw new Error('S3 store without listKeys');
  const ids: number[] = [];
  for (let n = from; n < from + count; n += 1) {
    fakes.s3.putObject(BUCKET, `${PREFIX}fw-${seed}-${n}.log`, firewallLine(n));
    ids.push(recordId(n));
  }
  return ids;
}

/** Seeds one object of corpus records `from … from+count-1` (seed 7) in `shape`; returns its key and records. */
export function seedCorpusObject(
  fakes: StartedFakes,
  objectNumber: number,
  shape: SeedShape,
  from: number,
  count = shape.linesPerObject,
): { key: string; records: SourceRecord[] } {
  const records = Array.from({ length: count }, (_, i) => sourceRecord(7, from + i));
  const key = objectKey(PREFIX, 7, objectNumber, shape);
  fakes.s3.putObject(BUCKET, key, renderObject(records, shape));
  return { key, records };
}

/** Every value of these records a log must never show (a security check greps logs for them). */
export function recordValues(records: readonly SourceRecord[]): string[] {
  return records.flatMap((r) => [r.src_ip, r.dst_ip, r.rule_name, r.timestamp]);
}

/** Deliveries per record id (BytesTransferred), from the ingest store. */
export function deliveries(fakes: StartedFakes): Map<number, number> {
  const counts = new Map<number, number>();
  for (const r of fakes.ingest.records()) {
    const id = r.record.BytesTransferred as number;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

export interface TestTarget {
  readonly prepared: PreparedTarget;
  readonly workDir: string;
  readonly events: { record: string; stream: 'stdout' | 'stderr'; events: readonly TargetLogEvent[] }[];
  launch(command: 'run' | 'ingest' | 'replay-failed'): Promise<TargetProcess>;
  transitions(breaker: string): string[];
  dispose(): Promise<void>;
}

export async function prepareReference(
  fakes: StartedFakes,
  options: Record<string, string> = {},
  extra: Partial<TargetContext> = {},
): Promise<TestTarget> {
  const workDir = await mkdtemp(join(tmpdir(), 'reference-test-'));
  const context: TargetContext = {
    workDir,
    fakesEnv: fakes.env,
    endpoints: fakes.endpoints,
    bucket: BUCKET,
    prefix: PREFIX,
    ruleId: RULE_ID,
    stream: STREAM,
    secretName: SECRET_NAME,
    timeScale: 1,
    seed: 7,
    options,
    shims: [],
    pollIntervalMs: 300,
    breakerConfig: RUNBOOK_BREAKER_DEFAULTS,
    sentinelEndpointFor: (command: string) => `${fakes.endpoints.sentinel}/~${command}`,
    ...extra,
  };
  const prepared = await referenceTarget.prepare(context);
  const events: TestTarget['events'] = [];
  const processes: TargetProcess[] = [];
  return {
    prepared,
    workDir,
    events,
    async launch(command) {
      const proc = await prepared.launch(command);
      processes.push(proc);
      proc.onLogRecord((record, stream) =>
        events.push({ record, stream, events: prepared.readLogRecord(record).events }),
      );
      return proc;
    },
    transitions(breaker) {
      return events
        .flatMap((e) => e.events)
        .flatMap((e) => (e.kind === 'breaker_transition' && e.breaker === breaker ? [`${e.from}>${e.to}`] : []));
    },
    async dispose() {
      await Promise.allSettled(processes.map((p) => p.stop()));
      await prepared[Symbol.asyncDispose]();
      await rm(workDir, { recursive: true, force: true });
    },
  };
}

/** Value of a Prometheus series (first sample matching the label text), or undefined. */
export async function metric(healthUrl: string, series: string, labels = ''): Promise<number | undefined> {
  const text = await (await fetch(`${healthUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series}${labels} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

/** What a process test holds: fresh fakes per test, and the target it prepared (if any). */
export interface ReferenceRun {
  fakes: StartedFakes;
  target: TestTarget | undefined;
}

/**
 * Registers the per-test lifecycle every process test shares: fakes with the bucket and secret
 * seeded before each test; the target (if one was prepared) and the fakes disposed after it.
 */
export function useReferenceRun(): ReferenceRun {
  const run = { target: undefined } as ReferenceRun;
  beforeEach(async () => {
    run.fakes = await startFakes({ seed: 7 });
    run.fakes.s3.createBucket(BUCKET);
    run.fakes.keyVault.setSecret(SECRET_NAME, 'v1');
  });
  afterEach(async () => {
    await run.target?.dispose();
    run.target = undefined;
    await run.fakes.stop();
  });
  return run;
}
