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

export { ManualClock } from './manual-clock.js';
export { ScaledClock } from './scaled-clock.js';
export { SystemClock } from './system-clock.js';
