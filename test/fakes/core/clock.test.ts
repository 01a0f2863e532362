import { describe, expect, it } from 'vitest';
import { ManualClock, ScaledClock, SystemClock } from '../../../fakes/core/clock.js';

describe('clocks', () => {
  it('ManualClock fires timers in due order only when advanced, and sleep honours abort', async () => {
    const clock = new ManualClock(100);
    const order: string[] = [];
    clock.setTimeout(() => order.push('b'), 20);
    clock.setTimeout(() => order.push('a'), 10);
    const cancelled = clock.setTimeout(() => order.push('never'), 5);
    cancelled.cancel();
    clock.advance(15);
    expect(order).toEqual(['a']);
    clock.advance(5);
    expect(order).toEqual(['a', 'b']);
    expect(clock.now()).toBe(120);
    const controller = new AbortController();
    const slept = clock.sleep(1_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(slept).rejects.toThrow('stop');
    expect(clock.pendingTimers()).toBe(0);
  });

  it('ScaledClock runs target time `scale`× faster than its base', () => {
    const base = new ManualClock(1_000);
    const scaled = new ScaledClock(60, base);
    let fired = false;
    scaled.setTimeout(() => (fired = true), 60_000);
    base.advance(999);
    expect(fired).toBe(false);
    base.advance(1);
    expect(fired).toBe(true);
    expect(scaled.now()).toBe(1_000 + 60_000);
  });

  it('SystemClock sleeps about the asked time (tolerance 100 ms)', async () => {
    const clock = new SystemClock();
    const started = performance.now();
    await clock.sleep(50);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(45);
    expect(elapsed).toBeLessThan(150);
  });
});
