import type { Clock, ClockTimer } from './clock.js';
import { sleepWith } from './sleep-with.js';
import { SystemClock } from './system-clock.js';

/**
 * Target time that runs `scale`× faster than `base` (default wall time): `now()` starts at the base's
 * now and advances `scale` ms per base ms; `sleep(ms)` waits `ms / scale` of base time.
 */
export class ScaledClock implements Clock {
  private readonly base: Clock;
  private readonly originMs: number;

  constructor(
    readonly scale: number,
    base?: Clock,
  ) {
    if (!(scale > 0) || !Number.isFinite(scale)) {
      throw new RangeError(`Failed to create a scaled clock: scale must be a finite number > 0, got ${scale}.`);
    }
    this.base = base ?? new SystemClock();
    this.originMs = this.base.now();
  }

  now(): number {
    return this.originMs + (this.base.now() - this.originMs) * this.scale;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepWith(this, ms, signal);
  }

  setTimeout(fn: () => void, ms: number): ClockTimer {
    return this.base.setTimeout(fn, ms / this.scale);
  }
}
