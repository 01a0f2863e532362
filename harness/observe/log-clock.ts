/**
 * Maps the target's own log timestamps onto the run's clock. A breaker transition is stamped by
 * the target when it happens; the harness only hears of it after a pipe hop, which can land after
 * a request the transition caused (the HALF_OPEN probe's upload reaches the fake before the
 * harness reads the HALF_OPEN line).
 *
 * Targets differ in what their timestamps mean: the reference target logs WALL time (as Python's
 * logging does without faketime), the python target under libfaketime logs TARGET time. So the
 * rate of the log clock (logged ms per wall ms) is measured, from the longest-lived process,
 * and each process's offset is the SMALLEST (received − logged) gap seen: the record that
 * travelled fastest, as in NTP. The timestamps themselves come from the target's own log parser
 * (`log:record.loggedAtMs`): this module knows no log format.
 */
import type { RunEvent } from './events.js';

/** Under this much wall time, ms-resolution timestamps say too little about a rate. */
const MIN_SPAN_WALL_MS = 1_000;

export interface LogClock {
  /** Run target ms at which a record stamped `loggedMs` was logged, or `fallbackMs` (when received) if unknown. */
  toRunMs(pid: number, loggedMs: number | null, fallbackMs: number): number;
  /** Logged ms per wall ms (1 for wall-time logs, ≈ the time scale for faked time), or undefined. */
  logRate(): number | undefined;
}

interface Pair {
  readonly loggedMs: number;
  readonly wallAtMs: number;
}

export function createLogClock(events: readonly RunEvent[], timeScale?: number): LogClock {
  const scale = timeScale ?? inferScale(events);
  const pairsByPid = new Map<number, Pair[]>();
  let currentPid: Record<string, number> = {};
  for (const event of events) {
    if (event.type === 'target:launched') currentPid = { ...currentPid, [event.command]: event.pid };
    if (event.type !== 'log:record') continue;
    const pid = currentPid[event.command];
    const loggedMs = event.loggedAtMs;
    if (pid === undefined || loggedMs === null) continue;
    let pairs = pairsByPid.get(pid);
    if (!pairs) {
      pairs = [];
      pairsByPid.set(pid, pairs);
    }
    pairs.push({ loggedMs, wallAtMs: event.wallAtMs });
  }

  const rate = snapRate(measureRate(pairsByPid), scale);
  const offsets = new Map<number, number>();
  if (rate !== undefined) {
    for (const [pid, pairs] of pairsByPid)
      offsets.set(pid, Math.min(...pairs.map((p) => p.wallAtMs - p.loggedMs / rate)));
  }
  return {
    toRunMs(pid, loggedMs, fallbackMs) {
      const offset = offsets.get(pid);
      if (rate === undefined || offset === undefined || loggedMs === null) return fallbackMs;
      // Never later than when the harness heard of it (clock noise can only make it look so).
      return Math.min(fallbackMs, (loggedMs / rate + offset) * scale);
    },
    logRate: () => rate,
  };
}

/**
 * Both kinds of target clock derive from the same system clock as the harness, so the true rate
 * is exactly 1 or exactly the scale; a measured rate within 3% of one of them is that one (the
 * estimate's ms noise would otherwise drift the mapping over a long run).
 */
function snapRate(rate: number | undefined, scale: number): number | undefined {
  if (rate === undefined) return undefined;
  for (const exact of [1, scale]) if (Math.abs(rate / exact - 1) <= 0.03) return exact;
  return rate;
}

/** Slope of logged time over wall time for the longest-lived process (ends: fastest records). */
function measureRate(pairsByPid: ReadonlyMap<number, readonly Pair[]>): number | undefined {
  let best: readonly Pair[] | undefined;
  const span = (pairs: readonly Pair[]): number =>
    pairs.length > 1 ? pairs[pairs.length - 1].wallAtMs - pairs[0].wallAtMs : 0;
  for (const pairs of pairsByPid.values()) if (!best || span(pairs) > span(best)) best = pairs;
  if (!best || span(best) < MIN_SPAN_WALL_MS) return undefined;
  const window = Math.max(1, Math.ceil(best.length / 10));
  const first = fastest(best.slice(0, window));
  const last = fastest(best.slice(-window));
  const wallSpan = last.wallAtMs - first.wallAtMs;
  if (wallSpan < MIN_SPAN_WALL_MS || last.loggedMs <= first.loggedMs) return undefined;
  return (last.loggedMs - first.loggedMs) / wallSpan;
}

/**
 * The pair that arrived soonest after it was logged (by wall − logged, rate-free for picking
 * within a short window).
 */
function fastest(pairs: readonly Pair[]): Pair {
  return pairs.reduce((a, b) => (b.wallAtMs - b.loggedMs < a.wallAtMs - a.loggedMs ? b : a));
}

function inferScale(events: readonly RunEvent[]): number {
  const sample = events.find((e) => e.wallAtMs !== 0);
  return sample ? sample.atMs / sample.wallAtMs : 1;
}
