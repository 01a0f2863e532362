import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../fakes/core/clock.js';
import {
  CircuitBreaker,
  CircuitBreakerOpenError,
  OperationTimeoutError,
} from '../../harness/targets/reference/circuit-breaker.js';
import { formatConnectorLogLine, parseConnectorLogRecord } from '../../harness/targets/shared/connector-log.js';
import { type BreakerConfig, RUNBOOK_BREAKER_DEFAULTS } from '../../harness/targets/target.js';

function makeBreaker(overrides: Partial<BreakerConfig> = {}, realReopenWording = false) {
  const clock = new ManualClock(1_700_000_000_000);
  const lines: string[] = [];
  const changes: string[] = [];
  const breaker = new CircuitBreaker({
    name: 'azure-sentinel',
    config: { ...RUNBOOK_BREAKER_DEFAULTS, ...overrides },
    clock,
    log: (level, logger, message) => {
      if (level !== 'DEBUG') lines.push(formatConnectorLogLine(new Date(clock.now()), logger, level, message));
    },
    realReopenWording,
    onStateChange: (from, to) => changes.push(`${from}>${to}`),
  });
  const transitions = () =>
    lines
      .flatMap(parseConnectorLogRecord)
      .filter((e) => e.kind === 'breaker_transition')
      .map((e) => (e.kind === 'breaker_transition' ? `${e.from}>${e.to}` : ''));
  return { clock, breaker, lines, changes, transitions };
}

const ok = () => breakerCall(async () => 'ok');
const fail = () => breakerCall(async () => Promise.reject(new Error('boom')));
type Op = (signal: AbortSignal) => Promise<string>;
function breakerCall(op: Op) {
  return (b: CircuitBreaker) =>
    b.call(op).then(
      () => 'ok' as const,
      (e: unknown) => (e instanceof CircuitBreakerOpenError ? 'rejected' : 'failed'),
    );
}

async function run(breaker: CircuitBreaker, calls: ((b: CircuitBreaker) => Promise<string>)[]): Promise<string[]> {
  const results: string[] = [];
  for (const c of calls) results.push(await c(breaker));
  return results;
}

describe('CircuitBreaker (runbook semantics, manual clock)', () => {
  it('with runbook defaults opens only on the 10th call even though 5 consecutive failures came earlier', async () => {
    const { breaker, lines } = makeBreaker();
    const results = await run(breaker, Array.from({ length: 9 }, fail));
    expect(results).toEqual(Array(9).fill('failed'));
    expect(breaker.state).toBe('CLOSED');
    expect(lines.at(-1)).toContain("Circuit breaker 'azure-sentinel': Failure 9/5 (calls: 9)");
    expect(await fail()(breaker)).toBe('failed');
    expect(breaker.state).toBe('OPEN');
    expect(lines.slice(-2).map((l) => l.slice(24))).toEqual([
      '- src.utils.circuit_breaker - ERROR - ' +
        "Circuit breaker 'azure-sentinel': Failure threshold exceeded (10/5), opening circuit",
      "- src.utils.circuit_breaker - ERROR - Circuit breaker 'azure-sentinel': " +
        'CLOSED → OPEN (failures: 10, calls: 10)',
    ]);
  });

  it('once min_calls_before_open calls were seen, failure_threshold consecutive failures suffice', async () => {
    const { breaker } = makeBreaker();
    await run(breaker, Array.from({ length: 10 }, ok));
    await run(breaker, Array.from({ length: 4 }, fail));
    expect(breaker.state).toBe('CLOSED');
    await fail()(breaker);
    expect(breaker.state).toBe('OPEN');
  });

  it('a success resets the consecutive failure count', async () => {
    const { breaker, lines } = makeBreaker({ min_calls_before_open: 0, failure_threshold: 3 });
    await run(breaker, [fail(), fail(), ok(), fail(), fail()]);
    expect(breaker.state).toBe('CLOSED');
    expect(lines.filter((l) => l.includes('Failure ')).map((l) => /Failure (\d+)\//.exec(l)![1])).toEqual([
      '1',
      '2',
      '1',
      '2',
    ]);
    await fail()(breaker);
    expect(breaker.state).toBe('OPEN');
  });

  it('rejects at once while OPEN, without calling the operation, and counts the rejected calls', async () => {
    const { breaker, clock } = makeBreaker({ min_calls_before_open: 1, failure_threshold: 1 });
    await fail()(breaker);
    let called = 0;
    clock.advance(59_999);
    await expect(
      breaker.call(async () => {
        called += 1;
      }),
    ).rejects.toThrow(/Circuit breaker OPEN for 'azure-sentinel'\. Opened at .*\+00:00\. Recovery attempt in 0\.0s\./);
    expect(called).toBe(0);
    expect(breaker.stats.totalCalls).toBe(2);
    expect(breaker.state).toBe('OPEN');
  });

  it('goes HALF_OPEN on the first call at recovery_timeout and closes after success_threshold successes', async () => {
    const { breaker, clock, transitions, lines } = makeBreaker({
      min_calls_before_open: 1,
      failure_threshold: 1,
      recovery_timeout: 2,
    });
    await fail()(breaker);
    clock.advance(2_000);
    expect(breaker.state).toBe('OPEN'); // lazily: no timer moves it
    expect(await ok()(breaker)).toBe('ok');
    expect(breaker.state).toBe('HALF_OPEN');
    expect(await ok()(breaker)).toBe('ok');
    expect(breaker.state).toBe('CLOSED');
    expect(transitions()).toEqual(['CLOSED>OPEN', 'OPEN>HALF_OPEN', 'HALF_OPEN>CLOSED']);
    expect(lines.some((l) => l.endsWith('OPEN → HALF_OPEN (attempting recovery after 2s)'))).toBe(true);
    expect(lines.at(-1)).toMatch(/HALF_OPEN → CLOSED \(recovery successful, resuming normal operation\)$/);
  });

  it('any failure in HALF_OPEN re-opens it, logged truthfully, and the recovery timer restarts', async () => {
    const { breaker, clock, transitions, changes } = makeBreaker({
      min_calls_before_open: 1,
      failure_threshold: 1,
      recovery_timeout: 5,
    });
    await fail()(breaker);
    clock.advance(5_000);
    await ok()(breaker);
    await fail()(breaker);
    expect(breaker.state).toBe('OPEN');
    expect(transitions()).toEqual(['CLOSED>OPEN', 'OPEN>HALF_OPEN', 'HALF_OPEN>OPEN']);
    expect(changes).toEqual(['CLOSED>OPEN', 'OPEN>HALF_OPEN', 'HALF_OPEN>OPEN']);
    clock.advance(4_999);
    expect(await ok()(breaker)).toBe('rejected');
    clock.advance(1);
    expect(await ok()(breaker)).toBe('ok');
    expect(breaker.state).toBe('HALF_OPEN');
  });

  it("can log the re-open with the real connector's CLOSED → OPEN wording when asked (test knob)", async () => {
    const { breaker, clock, lines } = makeBreaker(
      { min_calls_before_open: 1, failure_threshold: 1, recovery_timeout: 1 },
      true,
    );
    await fail()(breaker);
    clock.advance(1_000);
    await fail()(breaker);
    expect(lines.slice(-2).map((l) => l.split(' - ').at(-1))).toEqual([
      "Circuit breaker 'azure-sentinel': Failure during recovery test, reopening",
      "Circuit breaker 'azure-sentinel': CLOSED → OPEN (failures: 0, calls: 2)",
    ]);
    expect(breaker.state).toBe('OPEN');
  });

  it('lets at most half_open_max_calls concurrent probes through and rejects the rest', async () => {
    const { breaker, clock } = makeBreaker({
      min_calls_before_open: 1,
      failure_threshold: 1,
      recovery_timeout: 1,
      half_open_max_calls: 2,
      success_threshold: 3,
    });
    await fail()(breaker);
    clock.advance(1_000);
    const releases: (() => void)[] = [];
    const slow = () => breaker.call(() => new Promise<string>((resolve) => releases.push(() => resolve('ok'))));
    const first = slow();
    const second = slow();
    await expect(slow()).rejects.toThrow(/Half-open probe limit reached \(2 in flight\)/);
    expect(breaker.state).toBe('HALF_OPEN');
    expect(breaker.stats.probesInFlight).toBe(2);
    for (const release of releases) release();
    await Promise.all([first, second]);
    expect(breaker.stats.probesInFlight).toBe(0);
    expect(breaker.state).toBe('HALF_OPEN'); // 2 of 3 successes
    expect(await ok()(breaker)).toBe('ok');
    expect(breaker.state).toBe('CLOSED');
  });

  it('counts an operation exceeding operation_timeout as a failure and aborts it', async () => {
    const { breaker, clock, lines } = makeBreaker({
      min_calls_before_open: 1,
      failure_threshold: 2,
      operation_timeout: 30,
    });
    let aborted: unknown;
    const hung = breaker.call(
      (signal) =>
        new Promise<string>((_, reject) =>
          signal.addEventListener('abort', () => {
            aborted = signal.reason;
            reject(signal.reason);
          }),
        ),
    );
    clock.advance(29_999);
    expect(breaker.stats.failureCount).toBe(0);
    clock.advance(1);
    await expect(hung).rejects.toBeInstanceOf(OperationTimeoutError);
    expect(aborted).toBeInstanceOf(OperationTimeoutError);
    expect(breaker.stats.failureCount).toBe(1);
    expect(lines.slice(-2).map((l) => l.split(' - ').at(-1))).toEqual([
      "Circuit breaker 'azure-sentinel': Operation timeout after 30s",
      "Circuit breaker 'azure-sentinel': Failure 1/2 (calls: 1)",
    ]);
    // The timeout was one consecutive failure; a second opens it.
    await fail()(breaker);
    expect(breaker.state).toBe('OPEN');
  });

  it('a timed-out half-open probe re-opens the breaker', async () => {
    const { breaker, clock } = makeBreaker({
      min_calls_before_open: 1,
      failure_threshold: 1,
      recovery_timeout: 1,
      operation_timeout: 3,
    });
    await fail()(breaker);
    clock.advance(1_000);
    const probe = breaker.call(() => new Promise<string>(() => {}));
    expect(breaker.state).toBe('HALF_OPEN');
    clock.advance(3_000);
    await expect(probe).rejects.toBeInstanceOf(OperationTimeoutError);
    expect(breaker.state).toBe('OPEN');
  });

  it('ignores a success that completes after the breaker re-opened', async () => {
    const { breaker, clock } = makeBreaker({
      min_calls_before_open: 1,
      failure_threshold: 1,
      recovery_timeout: 1,
      success_threshold: 1,
    });
    await fail()(breaker);
    clock.advance(1_000);
    let release!: () => void;
    const late = breaker.call(
      () =>
        new Promise<string>((resolve) => {
          release = () => resolve('late');
        }),
    );
    await fail()(breaker); // second probe fails → OPEN
    expect(breaker.state).toBe('OPEN');
    release();
    await late;
    expect(breaker.state).toBe('OPEN');
  });

  it('logs its construction like the real connector', () => {
    const { lines } = makeBreaker();
    expect(lines[0]).toMatch(
      new RegExp(
        String.raw` - src\.utils\.circuit_breaker - INFO - ` +
          "Circuit breaker initialized for 'azure-sentinel': failure_threshold=5, recovery_timeout=60s$",
      ),
    );
  });
});
