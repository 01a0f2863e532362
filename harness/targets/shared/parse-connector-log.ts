/**
 * Reads one connector log record (possibly multi-line) into harness events. Both targets log in
 * the real connector's wording (connector-contract.md §2.1), so this one parser serves both.
 * Breaker transitions are reported exactly as written: the real connector logs a re-open from
 * HALF_OPEN as `CLOSED → OPEN`, and it is the observer's job (not the parser's) to flag that.
 */
import type { BreakerState } from '../../domain/breaker.js';
import type { TargetLogEvent, TargetLogRecord } from '../target.js';

/** `<asctime> - <logger> - <LEVEL> - <message>`; the message may run over several lines. */
const RECORD =
  /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3}) - (.+?) - (DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|FATAL) - ([\s\S]*)$/;
const STATE = '(CLOSED|OPEN|HALF_OPEN)';
const TRANSITION = new RegExp(`^Circuit breaker '([^']+)': ${STATE} (?:→|->) ${STATE}\\b`);
const FAILURE = /^Circuit breaker '([^']+)': Failure (\d+)\/\d+/;
const THRESHOLD_EXCEEDED = /^Circuit breaker '([^']+)': Failure threshold exceeded \((\d+)\/\d+\)/;
const RECOVERY_FAILURE = /^Circuit breaker '([^']+)': Failure during recovery test/;
const REJECTED = /^Circuit breaker OPEN for [^:]*: Circuit breaker OPEN for '([^']+)'/;
const STORED = /^Stored failed batch (\S+) to local storage/;
const BATCH_FAILED = /^Batch (\S+) failed: /;
const DROPPING = /^Dropping log due to ([\s\S]+)$/;
/** Both targets log this when Key Vault's breaker is open (docs/CONTRACTS.md). */
const CACHED_SECRET = /Serving cached secret '([^']+)' \(([\w-]+) breaker OPEN\)/;
const ASCTIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}),(\d{3})$/;
/** Lines with no timestamp at all that still mean trouble (an uncaught crash before logging started). */
const BARE_ERROR = /^(Traceback \(most recent call last\)|[\w.]*(Error|Exception)\b)/;

export interface ParsedLogHeader {
  readonly asctime: string;
  readonly logger: string;
  readonly level: string;
  readonly message: string;
}

/** Splits a record into its format fields, or null when it does not start with a timestamp. */
export function parseLogHeader(record: string): ParsedLogHeader | null {
  const match = RECORD.exec(record);
  if (match === null) return null;
  const [, asctime, logger, level, message] = match as unknown as [string, string, string, string, string];
  return { asctime, logger, level: level === 'WARN' ? 'WARNING' : level, message };
}

/** Epoch ms of an asctime (LOCAL time, as Python's logging writes it), or null. */
export function parseAsctime(asctime: string): number | null {
  const m = ASCTIME.exec(asctime);
  if (!m) return null;
  const [y, mo, d, h, mi, s, ms] = m.slice(1).map(Number) as [number, number, number, number, number, number, number];
  return new Date(y, mo - 1, d, h, mi, s, ms).getTime();
}

/** The record with its timestamp, level and message read from the connector's log format. */
export function readConnectorLogRecord(record: string): TargetLogRecord {
  const header = parseLogHeader(record);
  return {
    loggedAtMs: header ? parseAsctime(header.asctime) : null,
    level: header?.level ?? null,
    message: header?.message ?? null,
    events: parseConnectorLogRecord(record),
  };
}

/**
 * @example
 * parseConnectorLogRecord(
 *   '2026-11-27 02:35:21,464 - src.utils.circuit_breaker - ERROR - ' +
 *     "Circuit breaker 'azure-sentinel': CLOSED → OPEN (failures: 10, calls: 10)",
 * )
 * // → [{ kind: 'breaker_transition', breaker: 'azure-sentinel', from: 'CLOSED', to: 'OPEN', line }]
 */
export function parseConnectorLogRecord(record: string): TargetLogEvent[] {
  const line = record;
  const header = parseLogHeader(record);
  if (header === null) {
    if (BARE_ERROR.test(record)) return [{ kind: 'error', line }];
    return [{ kind: 'log', level: 'UNKNOWN', logger: '', line }];
  }
  const message = header.message;
  const cached = CACHED_SECRET.exec(message);
  if (cached)
    return [{ kind: 'secret_served_from_cache', secretName: cached[1] ?? '', breaker: cached[2] ?? '', line }];

  // In every pattern below group 1 is not optional, so a match always has it.
  const transition = TRANSITION.exec(message);
  if (transition) {
    return [
      {
        kind: 'breaker_transition',
        breaker: transition[1],
        from: transition[2] as BreakerState,
        to: transition[3] as BreakerState,
        line,
      },
    ];
  }
  const exceeded = THRESHOLD_EXCEEDED.exec(message);
  if (exceeded) return [{ kind: 'breaker_failure', breaker: exceeded[1], count: Number(exceeded[2]), line }];
  const failure = FAILURE.exec(message);
  if (failure) return [{ kind: 'breaker_failure', breaker: failure[1], count: Number(failure[2]), line }];
  const recoveryFailure = RECOVERY_FAILURE.exec(message);
  if (recoveryFailure) {
    // The line states no count; it is the one failure that ends the half-open probe.
    return [{ kind: 'breaker_failure', breaker: recoveryFailure[1], count: 1, line }];
  }
  const rejected = REJECTED.exec(message);
  if (rejected) return [{ kind: 'breaker_rejected', breaker: rejected[1], line }];
  const stored = STORED.exec(message);
  if (stored) return [{ kind: 'batch_stored', batchId: stored[1], line }];
  const batchFailed = BATCH_FAILED.exec(message);
  if (batchFailed) return [{ kind: 'batch_failed', batchId: batchFailed[1], line }];
  const dropping = DROPPING.exec(message);
  if (dropping) return [{ kind: 'record_rejected', reason: dropping[1].trim(), count: 1, line }];
  if (header.level === 'ERROR' || header.level === 'CRITICAL' || header.level === 'FATAL') {
    return [{ kind: 'error', line }];
  }
  return [{ kind: 'log', level: header.level, logger: header.logger, line }];
}
