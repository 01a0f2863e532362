/**
 * Builds run events by hand, to test the ledger and the evaluators without processes.
 * Times are target ms; time scale 1, so wall ms are the same.
 */
import type { JournalEntry, ServiceName } from '../../../fakes/core/types.js';
import { RUNBOOK_BREAKER_DEFAULTS } from '../../../harness/domain/breaker.js';
import type { TargetCommand } from '../../../harness/domain/target-command.js';
import type { RunEvent, RunEventPayload } from '../../../harness/observe/events.js';
import type { BreakerState } from '../../../harness/result/result-schema.js';
import { sourceRecord } from '../../../harness/seed/corpus/source-record.js';
import { REFERENCE_RECORD_SCHEMA } from '../../../harness/targets/reference/record-schema.js';
import { readConnectorLogRecord } from '../../../harness/targets/shared/connector-log.js';

export function buildEvents(timeline: readonly (readonly [number, RunEventPayload])[]): RunEvent[] {
  return timeline.map(([atMs, payload], i) => ({ ...payload, seq: i + 1, atMs, wallAtMs: atMs }) as RunEvent);
}

let nextSeq = 1;
export function request(
  service: ServiceName,
  operation: string,
  status: number,
  startedAtMs: number,
  extra: Partial<JournalEntry> = {},
): RunEventPayload {
  const entry: JournalEntry = {
    seq: nextSeq++,
    requestId: `req-${nextSeq}`,
    service,
    operation,
    method: 'POST',
    path: '/x',
    status,
    outcome: 'responded',
    startedAtMs,
    durationMs: 5,
    bytesIn: 10,
    bytesOut: 10,
    ...extra,
  };
  return { type: 'request:completed', entry, startedAtMs };
}

export function transition(
  breaker: string,
  from: BreakerState,
  to: BreakerState,
  options: { consistent?: boolean; expectedFrom?: BreakerState; pid?: number } = {},
): RunEventPayload {
  return {
    type: 'breaker:transitioned',
    command: 'run',
    pid: options.pid ?? 100,
    breaker,
    from,
    to,
    expectedFrom: options.expectedFrom ?? from,
    consistent: options.consistent ?? true,
    line: `Circuit breaker '${breaker}': ${from} → ${to}`,
    loggedAtMs: null,
  };
}

/** A target log record, read with the connector log format (level, timestamp) as the targets do. */
export function logRecord(record: string, command: 'run' | 'replay-failed' = 'run'): RunEventPayload {
  const read = readConnectorLogRecord(record);
  const stream = command === 'run' ? 'stderr' : 'stdout';
  return {
    type: 'log:record',
    command,
    stream,
    record,
    level: read.level,
    message: read.message,
    loggedAtMs: read.loggedAtMs,
  };
}

export const launched = (pid = 100): RunEventPayload => ({ type: 'target:launched', command: 'run', pid });
/** Seeded records with numeric ids; each id is the record number of the seed-1 corpus. */
export const seeded = (...ids: string[]): RunEventPayload => ({
  type: 'seed:put',
  records: ids.map((id) => ({ id, record: sourceRecord(1, Number(id)), key: `logs/${id}.log` })),
  keys: ids.map((id) => `logs/${id}.log`),
});
export const ingested = (id: string, origin: TargetCommand | null = 'run'): RunEventPayload => ({
  type: 'record:ingested',
  recordId: id,
  origin,
  ingest: {
    seq: 1,
    ruleId: 'dcr',
    stream: 's',
    requestId: 'r',
    arrivedAtMs: 0,
    record: { BytesTransferred: Number(id) },
  },
});
export const fileCreated = (file: string, ...ids: string[]): RunEventPayload => ({
  type: 'batch-file:created',
  file,
  recordIds: ids,
  writtenAtMs: null,
});
export const fileArchived = (file: string): RunEventPayload => ({ type: 'batch-file:archived', file });
export const stepStarted = (index: number, name: string): RunEventPayload => ({
  type: 'step:started',
  index,
  name,
  action: 'clear',
});
export const stepDone = (index: number, name: string, skipped = false): RunEventPayload => ({
  type: 'step:completed',
  index,
  name,
  outcome: skipped ? 'timed_out' : 'done',
  skipped,
  detail: '',
});

/** The target prepared, declaring the reference's schema, a 1 s poll interval and the runbook breaker. */
export const prepared = (): RunEventPayload => ({
  type: 'target:prepared',
  target: 'reference',
  schema: REFERENCE_RECORD_SCHEMA,
  breakerConfig: RUNBOOK_BREAKER_DEFAULTS,
  pollIntervalMs: 1_000,
});

/** Record `n` of the seed-1 corpus as the reference delivers it, with `changes` applied. */
export function delivered(n: number, changes: Record<string, unknown> = {}): Record<string, unknown> {
  const s = sourceRecord(1, n);
  const record: Record<string, unknown> = {
    TimeGenerated: s.timestamp,
    SourceIP: s.src_ip,
    DestinationIP: s.dst_ip,
    Action: s.action,
    RuleName: s.rule_name,
    Protocol: s.proto,
    SourcePort: s.src_port,
    DestinationPort: s.dst_port,
    BytesTransferred: s.bytes,
    DataClassification: 'standard',
    SchemaVersion: '1.0',
    ...changes,
  };
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete record[key];
  return record;
}

/** Record `n` ingested with its full content (as delivered(n, changes)), by `origin`. */
export const ingestedRecord = (
  n: number,
  changes: Record<string, unknown> = {},
  origin: TargetCommand | null = 'run',
): RunEventPayload => ({
  type: 'record:ingested',
  recordId: String(n),
  origin,
  ingest: { seq: n, ruleId: 'dcr', stream: 's', requestId: `r${n}`, arrivedAtMs: 0, record: delivered(n, changes) },
});

export const faultInjected = (ruleId = 'f'): RunEventPayload => ({
  type: 'fault:injected',
  ruleId,
  service: 'sentinel',
  description: 'fault',
  layer: 'http',
});
export const faultCleared = (ruleId = 'f'): RunEventPayload => ({ type: 'fault:cleared', ruleId, layer: 'http' });

export const uploadAttempt = (requestId: string, callId: string, ...ids: string[]): RunEventPayload => ({
  type: 'upload:attempted',
  requestId,
  clientRequestId: callId,
  origin: 'run',
  recordIds: ids,
  unidentified: 0,
});

export const oneshot = (command: 'ingest' | 'replay-failed', pid: number, code: number, summary: string | null) =>
  ({ type: 'oneshot:completed', command, pid, code, summary }) as RunEventPayload;
