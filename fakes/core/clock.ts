/**
 * Injected time. Every fake, schedule and latency fault reads time through a `Clock`, so tests can
 * drive time by hand (`ManualClock`) and scenarios can compress it (`ScaledClock`).
 *
 * @example
 *   const clock = new ManualClock(0);
 *   const slept = clock.sleep(1_000);
 *   clock.advance(1_000); // `slept` resolves
 */

export interface ClockTimer {
  cancel(): void;
}

export interface Clock {
  /** Epoch ms on this clock. */
  now(): number;
  /** Resolves after `ms` on this clock; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Calls `fn` once after `ms` on this clock unless cancelled first. */
  setTimeout(fn: () => void, ms: number): ClockTimer;
}

/** Shared by every clock: turns `setTimeout` into an abortable sleep. */
function sleepWith(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => {
      timer.cancel();
      reject(abortReason(signal!));
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

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

  /** Number of timers still waiting (useful to assert that a fault left nothing behind). */
  pendingTimers(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }
}

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
