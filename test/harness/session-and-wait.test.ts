/**
 * The session (reaper) and the wait strategies, on a ManualClock: time moves only when the test
 * says so, so no assertion depends on how fast this machine is.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../fakes/core/clock.js';
import { StartupTimeoutError } from '../../harness/errors.js';
import { createSession } from '../../harness/session.js';
import { Wait } from '../../harness/wait/index.js';
import { settle } from '../helpers/settle.js';

describe('createSession', () => {
  it('disposes in reverse order, keeps going past failures and reports them together', async () => {
    const order: string[] = [];
    const session = createSession();
    session.defer('a', () => void order.push('a'));
    session.defer('b', () => {
      order.push('b');
      throw new Error('boom');
    });
    session.add('c', 'resource-c', (r) => void order.push(r));
    await expect(session.dispose()).rejects.toThrow(AggregateError);
    expect(order).toEqual(['resource-c', 'b', 'a']);
    // Idempotent: the same outcome, nothing disposed twice.
    await expect(session.dispose()).rejects.toThrow(/Failed to tear down 1 resource/);
    expect(order).toHaveLength(3);
  });

  it("aborts its signal when the caller's signal aborts", () => {
    const controller = new AbortController();
    const session = createSession({ signal: controller.signal });
    controller.abort(new Error('stop'));
    expect(session.signal.aborted).toBe(true);
  });
});

describe('Wait.forCondition', () => {
  it('names the condition and the limit on timeout', async () => {
    const clock = new ManualClock();
    const done = Wait.forCondition('the moon to turn blue', () => false, {
      timeoutMs: 100,
      pollMs: 10,
      clock,
      describeState: () => 'still grey',
    }).wait();
    await settle();
    clock.advance(100);
    await expect(done).rejects.toThrow(StartupTimeoutError);
    await expect(done).rejects.toThrow(
      'Failed to wait for the moon to turn blue: still not true after 100 ms. Last seen: still grey.',
    );
  });

  it('wakes on a push notification without waiting for the next poll', async () => {
    const clock = new ManualClock();
    let value = false;
    let notify: () => void = () => undefined;
    const done = Wait.forCondition('value set', () => value, {
      timeoutMs: 120_000,
      pollMs: 60_000,
      clock,
      wake: (n) => {
        notify = n;
        return () => undefined;
      },
    }).wait();
    // Parked on its 60 s poll; the clock never moves, so only the notification can end the wait.
    await settle();
    value = true;
    notify();
    expect(await Promise.race([done.then(() => 'woken'), settle().then(() => 'still waiting')])).toBe('woken');
    expect(clock.pendingTimers()).toBe(0);
  });

  it('does not lose a notification that arrives while the condition is being checked', async () => {
    const clock = new ManualClock();
    let value = false;
    let notify: () => void = () => undefined;
    const done = Wait.forCondition(
      'value set',
      async () => {
        const seen = value;
        // The change lands after the check read the old value but before the waiter parks.
        value = true;
        notify();
        return seen;
      },
      {
        timeoutMs: 120_000,
        pollMs: 60_000,
        clock,
        wake: (n) => {
          notify = n;
          return () => undefined;
        },
      },
    ).wait();
    expect(await Promise.race([done.then(() => 'woken'), settle().then(() => 'still waiting')])).toBe('woken');
  });

  it('polls at its interval on the injected clock', async () => {
    const clock = new ManualClock();
    let checks = 0;
    const done = Wait.forCondition('third check', () => ++checks >= 3, { timeoutMs: 1_000, pollMs: 100, clock }).wait();
    await settle();
    expect(checks).toBe(1);
    clock.advance(100);
    await settle();
    clock.advance(100);
    await expect(done).resolves.toBeUndefined();
    expect(checks).toBe(3);
  });

  it('stops with the signal reason when aborted', async () => {
    const controller = new AbortController();
    const done = Wait.forCondition('never', () => false, { timeoutMs: 60_000, clock: new ManualClock() }).wait(
      controller.signal,
    );
    await settle();
    controller.abort(new Error('interrupted'));
    await expect(done).rejects.toThrow('interrupted');
  });
});

describe('Wait.forAll', () => {
  it('enforces its overall deadline on the injected clock', async () => {
    const clock = new ManualClock();
    const never = Wait.forCondition('never', () => false, { timeoutMs: 10_000, pollMs: 50, clock });
    const done = Wait.forAll([never], { deadlineMs: 300, clock }).wait();
    // Attach the assertion before time moves: `done` rejects inside the loop, and a rejection
    // nobody is listening for yet is reported by Vitest as an unhandled error.
    const rejected = expect(done).rejects.toThrow(/not all true within the 300 ms deadline/);
    await settle();
    for (let i = 0; i < 6; i += 1) {
      clock.advance(50);
      await settle();
    }
    await rejected;
  });
});
