/**
 * Requests grouped into calls, and the windows of replay-failed processes: shared by the kinds
 * that count what a breaker let through.
 */
import type { EvaluationContext, ObservedRequest } from '../evaluation-context.js';

/**
 * Start (target ms) of the first request of every call, by `clientRequestId` (the id an SDK keeps
 * across the retries of one operation). `requests` are sorted by start.
 */
export function callStarts(requests: readonly ObservedRequest[]): Map<string, number> {
  const starts = new Map<string, number>();
  for (const r of requests) {
    const id = r.entry.clientRequestId;
    if (id === undefined) continue;
    const known = starts.get(id);
    if (known === undefined || r.startMs < known) starts.set(id, r.startMs);
  }
  return starts;
}

/** Where the call of `request` began: its first request, or the request itself without an id. */
export function callStartOf(request: ObservedRequest, starts: ReadonlyMap<string, number>): number {
  const id = request.entry.clientRequestId;
  return id === undefined ? request.startMs : (starts.get(id) ?? request.startMs);
}

/** [start, end] of every replay-failed process, in target ms: its breakers are its own. */
export function replayWindows(ctx: EvaluationContext): [number, number][] {
  const windows: [number, number][] = [];
  for (const launch of ctx.ofType('target:launched')) {
    if (launch.command !== 'replay-failed') continue;
    const exit = ctx.ofType('target:exited').find((e) => e.pid === launch.pid);
    windows.push([launch.atMs, exit?.atMs ?? ctx.endMs]);
  }
  return windows;
}

export function inAnyWindow(windows: readonly [number, number][], atMs: number): boolean {
  return windows.some(([from, to]) => atMs >= from && atMs <= to);
}
