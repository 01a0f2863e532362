/**
 * What every evaluator reads: the run's events, pre-digested once (transitions on the target's
 * clock, breaker state intervals, step times, requests). Evaluators are pure functions of it,
 * so they can be tested on synthetic events.
 */
import type { JournalEntry } from '../../fakes/core/types.js';
import type { BreakerState } from '../domain/breaker.js';
import type { TargetCommand } from '../domain/target-command.js';
import type { LedgerDetail } from '../ledger/compute-ledger.js';
import type { EventOf, RunEvent } from '../observe/events.js';
import { createLogClock } from '../observe/log-clock.js';
import type { ResultTransition } from '../result/result-schema.js';

export interface ObservedTransition extends ResultTransition {
  readonly command: TargetCommand;
  readonly pid: number;
  /** Target ms at which the harness received the log record. */
  readonly receivedAtMs: number;
}

export interface StateInterval {
  readonly state: BreakerState;
  readonly startMs: number;
  /** Exclusive; the run's end when the state lasted until then. */
  readonly endMs: number;
  readonly evidence: string;
  /**
   * Whether a request starting at (about) `startMs` belongs to this state: entering HALF_OPEN is
   * caused by a new call.
   */
  readonly startInclusive: boolean;
  /**
   * Whether a request starting at (about) `endMs` belongs to this state: leaving to OPEN or CLOSED
   * is caused by a completed call.
   */
  readonly endInclusive: boolean;
}

export interface ObservedRequest {
  readonly entry: JournalEntry;
  /** Target ms since run start when the request started. */
  readonly startMs: number;
  /** Target ms since run start when the response ended. */
  readonly endMs: number;
}

export interface StepTiming {
  readonly index: number;
  readonly name: string;
  readonly startedAtMs: number;
  readonly completedAtMs: number | null;
  readonly outcome: 'done' | 'timed_out' | null;
  /** False when the step's trigger never held (its action did not run). */
  readonly ran: boolean;
}

export interface EvaluationContext {
  readonly events: readonly RunEvent[];
  readonly ledger: LedgerDetail;
  readonly endMs: number;
  /** Every logged transition of every process, on the run clock. */
  readonly transitions: readonly ObservedTransition[];
  /**
   * States of `breaker` in the `run` process(es) over the run; a restart resets to CLOSED.
   * Log and journal times have 1 ms wall resolution (`resolutionMs` of target time), so a request
   * and the transition it caused can carry the same time; causality breaks the tie: entering OPEN
   * or CLOSED is caused by a call that already COMPLETED (its request belongs to the old state),
   * entering HALF_OPEN by a NEW call (its request belongs to the new state).
   */
  intervals(breaker: string): readonly StateInterval[];
  steps: ReadonlyMap<string, StepTiming>;
  readonly requests: readonly ObservedRequest[];
  /** Target ms that one wall ms (the clocks' resolution) amounts to: times this close are ties. */
  readonly resolutionMs: number;
  /** Whether a request starting at `atMs` happened during `interval`, ties resolved by causality. */
  isDuring(interval: StateInterval, atMs: number): boolean;
  ofType<T extends RunEvent['type']>(type: T): EventOf<T>[];
}

export function createEvaluationContext(events: readonly RunEvent[], ledger: LedgerDetail): EvaluationContext {
  const sample = events.find((e) => e.wallAtMs !== 0);
  const scale = sample ? sample.atMs / sample.wallAtMs : 1;
  const logClock = createLogClock(events, scale);
  const endMs = events.at(-1)?.atMs ?? 0;
  const ofType = <T extends RunEvent['type']>(type: T): EventOf<T>[] =>
    events.filter((e): e is EventOf<T> => e.type === type);

  const transitions: ObservedTransition[] = ofType('breaker:transitioned').map((e) => ({
    breaker: e.breaker,
    from: e.from,
    to: e.to,
    atMs: Math.round(logClock.toRunMs(e.pid, e.loggedAtMs, e.atMs)),
    evidence: e.line,
    consistent: e.consistent,
    command: e.command,
    pid: e.pid,
    receivedAtMs: Math.round(e.atMs),
    ...(e.replica === undefined ? {} : { replica: e.replica }),
  }));

  const steps = new Map<string, StepTiming>();
  for (const e of events) {
    if (e.type === 'step:started')
      steps.set(e.name, {
        index: e.index,
        name: e.name,
        startedAtMs: e.atMs,
        completedAtMs: null,
        outcome: null,
        ran: true,
      });
    if (e.type === 'step:completed') {
      const started = steps.get(e.name);
      if (started) steps.set(e.name, { ...started, completedAtMs: e.atMs, outcome: e.outcome, ran: !e.skipped });
    }
  }

  const requests: ObservedRequest[] = ofType('request:completed')
    .map((e) => ({ entry: e.entry, startMs: e.startedAtMs, endMs: e.atMs }))
    .sort((a, b) => a.startMs - b.startMs || a.entry.seq - b.entry.seq);

  const runLaunches = ofType('target:launched').filter((e) => e.command === 'run');
  const intervals = (breaker: string): StateInterval[] => {
    // Boundaries: every transition of this breaker in a run process, and every run launch (reset).
    const marks: { atMs: number; state: BreakerState; evidence: string }[] = [];
    for (const launch of runLaunches)
      marks.push({
        atMs: launch.atMs,
        state: 'CLOSED',
        evidence: `target run launched (pid ${launch.pid}): breakers start CLOSED`,
      });
    for (const t of transitions)
      if (t.breaker === breaker && t.command === 'run') marks.push({ atMs: t.atMs, state: t.to, evidence: t.evidence });
    marks.sort((a, b) => a.atMs - b.atMs);
    const out: StateInterval[] = [];
    let current = {
      state: 'CLOSED' as BreakerState,
      startMs: Number.NEGATIVE_INFINITY,
      evidence: 'initial state',
      startInclusive: true,
    };
    for (const mark of marks) {
      if (mark.state === current.state) continue;
      out.push({ ...current, endMs: mark.atMs, endInclusive: mark.state !== 'HALF_OPEN' });
      current = {
        state: mark.state,
        startMs: mark.atMs,
        evidence: mark.evidence,
        startInclusive: mark.state === 'HALF_OPEN',
      };
    }
    out.push({ ...current, endMs: Math.max(endMs, current.startMs), endInclusive: true });
    return out.map((i) => (i.startMs === Number.NEGATIVE_INFINITY ? { ...i, startMs: Math.min(0, i.endMs) } : i));
  };

  const resolutionMs = scale;
  const isDuring = (interval: StateInterval, atMs: number): boolean => {
    const afterStart = interval.startInclusive
      ? atMs >= interval.startMs - resolutionMs
      : atMs > interval.startMs + resolutionMs;
    const beforeEnd = interval.endInclusive
      ? atMs <= interval.endMs + resolutionMs
      : atMs < interval.endMs - resolutionMs;
    return afterStart && beforeEnd;
  };
  return { events, ledger, endMs, transitions, intervals, steps, requests, resolutionMs, isDuring, ofType };
}

/** `12.3s` for evidence lines (target seconds). */
export function formatSeconds(ms: number): string {
  return `${(ms / 1_000).toFixed(1)}s`;
}

/** One journal entry as an evidence line. */
export function describeRequest(request: ObservedRequest): string {
  const e = request.entry;
  const fault = e.faultRuleId ? ` fault=${e.faultRuleId}` : '';
  const at = formatSeconds(request.startMs);
  return `@${at} #${e.seq} ${e.service} ${e.operation} → ${e.status || e.outcome}${fault}`;
}
