import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { StartupTimeoutError } from '../../harness/errors.js';
import { createSession } from '../../harness/session.js';
import { Wait } from '../../harness/wait/index.js';

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

describe('Wait', () => {
  it('forCondition names the condition and the limit on timeout', async () => {
    const wait = Wait.forCondition('the moon to turn blue', () => false, {
      timeoutMs: 100,
      describeState: () => 'still grey',
    });
    await expect(wait.wait()).rejects.toThrow(StartupTimeoutError);
    await expect(wait.wait()).rejects.toThrow(
      'Failed to wait for the moon to turn blue: still not true after 100 ms. Last seen: still grey.',
    );
  });

  it('forCondition wakes on a push notification without waiting for the next poll', async () => {
    let value = false;
    let notify: () => void = () => undefined;
    const wait = Wait.forCondition('value set', () => value, {
      timeoutMs: 5_000,
      pollMs: 60_000,
      wake: (n) => ((notify = n), () => undefined),
    });
    const done = wait.wait();
    value = true;
    notify();
    await expect(done).resolves.toBeUndefined();
  });

  it('forHttp waits for a real listener and forAll enforces its deadline', async () => {
    const server = createServer((_, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      await Wait.forAll([Wait.forHttp(`http://127.0.0.1:${port}/health`, { timeoutMs: 5_000 })], {
        deadlineMs: 5_000,
      }).wait();
      const never = Wait.forAll([Wait.forHttp(`http://127.0.0.1:${port}/health`, { timeoutMs: 5_000, status: 204 })], {
        deadlineMs: 300,
      });
      await expect(never.wait()).rejects.toThrow(/not all true within the 300 ms deadline/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('aborting stops a wait with the signal reason', async () => {
    const controller = new AbortController();
    const done = Wait.forCondition('never', () => false, { timeoutMs: 60_000 }).wait(controller.signal);
    controller.abort(new Error('interrupted'));
    await expect(done).rejects.toThrow('interrupted');
  });
});
