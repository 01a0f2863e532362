/**
 * The time scale the target actually ran at: target-clock advance over wall advance. The
 * target's clock shows in the `timestamp` of its failed-batch files (both targets write them
 * from their own clock), and in its log timestamps when those are target time (python under
 * libfaketime; the reference target logs wall time, like Python without faketime).
 */
import type { RunEvent } from './events.js';
import { createLogClock } from './log-clock.js';

const MIN_SPAN_WALL_MS = 1_000;

type TimedBatchFile = Extract<RunEvent, { type: 'batch-file:created' }> & { readonly writtenAtMs: number };

export function measureTimeScale(events: readonly RunEvent[], timeScale: number): number | undefined {
  const timed = events.filter((e): e is TimedBatchFile => e.type === 'batch-file:created' && e.writtenAtMs !== null);
  // Replicas start their (faked) clocks at different moments: compare files of one replica only.
  const byReplica = new Map<number, TimedBatchFile[]>();
  for (const file of timed) byReplica.set(file.replica ?? 0, [...(byReplica.get(file.replica ?? 0) ?? []), file]);
  const files = [...byReplica.values()].reduce<TimedBatchFile[]>((a, b) => (b.length > a.length ? b : a), []);
  if (files.length >= 2) {
    const window = Math.max(1, Math.ceil(files.length / 10));
    // Within each end, the file seen soonest after it was written (the watcher adds ≤ one rescan).
    const pick = (list: typeof files) =>
      list.reduce((a, b) => (b.wallAtMs - b.writtenAtMs / timeScale < a.wallAtMs - a.writtenAtMs / timeScale ? b : a));
    const first = pick(files.slice(0, window));
    const last = pick(files.slice(-window));
    const wallSpan = last.wallAtMs - first.wallAtMs;
    if (wallSpan >= MIN_SPAN_WALL_MS && last.writtenAtMs > first.writtenAtMs)
      return (last.writtenAtMs - first.writtenAtMs) / wallSpan;
  }
  const rate = createLogClock(events, timeScale).logRate();
  if (rate === undefined) return undefined;
  // Wall-time logs (rate ≈ 1 while the scale is not 1) say nothing about the target's clock.
  return timeScale === 1 || Math.abs(rate - timeScale) < Math.abs(rate - 1) ? rate : undefined;
}
