import type { Clock, ClockTimer } from './clock.js';
import { sleepWith } from './sleep-with.js';

/** Wall time. Timers are unref'd so a pending fault never keeps a process alive. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepWith(this, ms, signal);
  }

  setTimeout(fn: () => void, ms: number): ClockTimer {
    // @note Node caps timers at 2^31-1 ms; longer waits would fire at once.
    const handle = globalThis.setTimeout(fn, Math.min(Math.max(0, ms), 2_147_483_647));
    handle.unref();
    return { cancel: () => globalThis.clearTimeout(handle) };
  }
}
