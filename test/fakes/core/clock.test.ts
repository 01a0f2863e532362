import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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

  it('ManualClock says how long until its next timer', () => {
    const clock = new ManualClock(0);
    expect(clock.nextDueInMs()).toBeUndefined();
    clock.setTimeout(() => undefined, 300);
    clock.setTimeout(() => undefined, 100).cancel();
    clock.advance(50);
    expect(clock.nextDueInMs()).toBe(250);
  });

  describe('SystemClock (on fake timers, so no test waits for wall time)', () => {
    beforeEach(() => {
      vi.useFakeTimers({ now: 5_000 });
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('reads Date.now and sleeps exactly the asked time on the timer API', async () => {
      const clock = new SystemClock();
      expect(clock.now()).toBe(5_000);
      let woke = false;
      const slept = clock.sleep(50).then(() => {
        woke = true;
      });
      await vi.advanceTimersByTimeAsync(49);
      expect(woke).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await slept;
      expect(woke).toBe(true);
      expect(clock.now()).toBe(5_050);
    });

    it('rejects a sleep with the abort reason and cancels its timer', async () => {
      const clock = new SystemClock();
      const controller = new AbortController();
      const slept = clock.sleep(1_000, controller.signal);
      controller.abort(new Error('stop'));
      await expect(slept).rejects.toThrow('stop');
      expect(vi.getTimerCount()).toBe(0);
    });

    it('caps a timer at the largest delay Node allows instead of firing it at once', async () => {
      const clock = new SystemClock();
      let fired = false;
      clock.setTimeout(() => {
        fired = true;
      }, 10 * 2_147_483_647);
      await vi.advanceTimersByTimeAsync(2_147_483_646);
      expect(fired).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(fired).toBe(true);
    });
  });
});
