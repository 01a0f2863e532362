import type { Clock, ClockTimer } from './clock.js';
import { sleepWith } from './sleep-with.js';

interface ManualTimer {
  readonly dueMs: number;
  readonly order: number;
  readonly fn: () => void;
  cancelled: boolean;
}

/** Time that moves only when `advance(ms)` is called; timers due by then fire in due order. */
export class ManualClock implements Clock {
  private currentMs: number;
  private timers: ManualTimer[] = [];
  private nextOrder = 0;

  constructor(startMs = 0) {
    this.currentMs = startMs;
  }

  now(): number {
    return this.currentMs;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepWith(this, ms, signal);
  }

  setTimeout(fn: () => void, ms: number): ClockTimer {
    const timer: ManualTimer = {
      dueMs: this.currentMs + Math.max(0, ms),
      order: this.nextOrder++,
      fn,
      cancelled: false,
    };
    this.timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  /** Moves time forward by `ms`, firing every timer that falls due, earliest first. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`Failed to advance the manual clock: ms must be >= 0, got ${ms}.`);
    const targetMs = this.currentMs + ms;
    for (;;) {
      const due = this.timers
        .filter((t) => !t.cancelled && t.dueMs <= targetMs)
        .sort((a, b) => a.dueMs - b.dueMs || a.order - b.order)[0];
      if (!due) break;
      due.cancelled = true;
      this.currentMs = Math.max(this.currentMs, due.dueMs);
      due.fn();
    }
    this.timers = this.timers.filter((t) => !t.cancelled);
    this.currentMs = targetMs;
  }

  /** Milliseconds until the earliest pending timer falls due, or undefined when none is pending. */
  nextDueInMs(): number | undefined {
    const dues = this.timers.filter((t) => !t.cancelled).map((t) => t.dueMs);
    return dues.length === 0 ? undefined : Math.min(...dues) - this.currentMs;
  }

  /** Number of timers still waiting (useful to assert that a fault left nothing behind). */
  pendingTimers(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }
}
