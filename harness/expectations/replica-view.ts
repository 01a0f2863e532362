/**
 * Per-replica judging: a breaker lives in one process's memory, so with several `run` replicas a
 * breaker promise holds (or not) for each replica on its own. A replica's view is the run's events
 * without those that belong to another replica (its logs, transitions, probes, failed-batch files,
 * and the Sentinel requests its labelled endpoint made), rebuilt into an EvaluationContext: every
 * expectation kind then judges one replica exactly as it judges a single process.
 *
 * @example for (const r of replicasOf(ctx.events)) evaluate(spec, replicaView(ctx, r));
 */
import { parseEndpointLabel } from '../domain/replica.js';
import type { RunEvent } from '../observe/events.js';
import { createEvaluationContext, type EvaluationContext } from './evaluation-context.js';

/** Replica numbers that launched a `run`, ascending; [] for a target without replicas. */
export function replicasOf(events: readonly RunEvent[]): number[] {
  const replicas = new Set<number>();
  for (const e of events) if (e.type === 'target:launched' && e.command === 'run' && e.replica) replicas.add(e.replica);
  return [...replicas].sort((a, b) => a - b);
}

/** The replica an event belongs to, or undefined when it belongs to the whole run. */
export function replicaOfEvent(event: RunEvent): number | undefined {
  if (event.type === 'request:completed') return parseEndpointLabel(event.entry.origin)?.replica;
  return 'replica' in event ? event.replica : undefined;
}

export function replicaView(ctx: EvaluationContext, replica: number): EvaluationContext {
  const events = ctx.events.filter((e) => {
    const owner = replicaOfEvent(e);
    return owner === undefined || owner === replica;
  });
  return createEvaluationContext(events, ctx.ledger);
}
