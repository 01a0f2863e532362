import type { EventOf, RunEvent, RunEventPayload, RunEventType } from './events.js';

export interface EventBus {
  /** Stamps and records the payload, then tells every listener (synchronously, in order). */
  emit(payload: RunEventPayload): RunEvent;
  /** Every event so far, in order. */
  events(): readonly RunEvent[];
  ofType<T extends RunEventType>(type: T): EventOf<T>[];
  subscribe(listener: (event: RunEvent) => void): () => void;
  /** Target ms since the run started, now. */
  nowMs(): number;
  /** Wall ms since the run started, now. */
  wallNowMs(): number;
  readonly timeScale: number;
  /** Value of `wallNow()` at time zero (epoch ms with the default clock). */
  wallOrigin(): number;
  /**
   * Moves time zero to now (the target became ready: scenario times count from there). Events
   * already emitted are re-stamped relative to the new zero, so they read as negative times.
   */
  rebase(): void;
}

/**
 * One ordered, timestamped event bus per run (style practice 7). A listener that throws is
 * isolated: it must not stop the run or starve later listeners.
 *
 * @example
 * const bus = createEventBus({ timeScale: 10 });
 * bus.subscribe((e) => e.type === 'breaker:transitioned' && console.log(e.to));
 */
export function createEventBus(options: {
  readonly timeScale: number;
  readonly wallNow?: () => number;
  readonly onListenerError?: (error: unknown) => void;
}): EventBus {
  // Epoch ms by default, so journal times (epoch ms on the fakes' wall clock) convert directly.
  const wallNow = options.wallNow ?? (() => Date.now());
  let origin = wallNow();
  const log: RunEvent[] = [];
  const listeners = new Set<(event: RunEvent) => void>();
  const wallNowMs = (): number => wallNow() - origin;
  return {
    timeScale: options.timeScale,
    wallOrigin: () => origin,
    rebase() {
      const shiftMs = wallNow() - origin;
      origin += shiftMs;
      for (const [i, event] of log.entries()) {
        const moved = {
          ...event,
          wallAtMs: event.wallAtMs - shiftMs,
          atMs: (event.wallAtMs - shiftMs) * options.timeScale,
        } as RunEvent;
        // A request's start is payload in target ms from the old zero: it moves with the zero too,
        // or a request made before the target was ready would read as made after it.
        if (moved.type === 'request:completed')
          log[i] = { ...moved, startedAtMs: moved.startedAtMs - shiftMs * options.timeScale };
        else log[i] = moved;
      }
    },
    wallNowMs,
    nowMs: () => wallNowMs() * options.timeScale,
    emit(payload) {
      const wallAtMs = wallNowMs();
      const event = { ...payload, seq: log.length + 1, wallAtMs, atMs: wallAtMs * options.timeScale } as RunEvent;
      log.push(event);
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          options.onListenerError?.(error);
        }
      }
      return event;
    },
    events: () => log,
    ofType: <T extends RunEventType>(type: T) => log.filter((e): e is EventOf<T> => e.type === type),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
