import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../fakes/core/clock.js';
import { DuplicateFaultRuleError, InvalidFaultRuleError } from '../../../fakes/core/errors.js';
import { FaultEngine, validateFaultRuleSpec } from '../../../fakes/core/fault-engine.js';
import type { ClassifiedRequest, FaultRuleSpec } from '../../../fakes/core/types.js';

const http503 = { kind: 'http_error', status: 503 } as const;
const get = (key = 'logs/a.log', bucket = 'logs'): ClassifiedRequest => ({ operation: 'GetObject', bucket, key });

function engineAt(startMs = 1_000, seed = 7, timeScale = 1): { engine: FaultEngine; clock: ManualClock } {
  const clock = new ManualClock(startMs);
  return { engine: new FaultEngine({ clock, seed, timeScale }), clock };
}

/** Which of `n` identical requests the engine faults, as a string of 1/0. */
function pattern(engine: FaultEngine, n: number, classified: ClassifiedRequest = get()): string {
  return Array.from({ length: n }, () => (engine.decide('s3', classified) ? '1' : '0')).join('');
}

describe('FaultEngine matching', () => {
  it('matches by service and operation (one name or a list)', () => {
    const { engine } = engineAt();
    engine.add({ target: { service: 's3', operation: ['PutObject', 'GetObject'] }, effect: http503 });
    expect(engine.decide('s3', get())).toBeDefined();
    expect(engine.decide('s3', { operation: 'HeadObject', bucket: 'logs', key: 'k' })).toBeUndefined();
    expect(engine.decide('sentinel', { operation: 'GetObject' })).toBeUndefined();
  });

  it('matches by bucket and key prefix; a request without a key never matches a prefix', () => {
    const { engine } = engineAt();
    engine.add({ target: { service: 's3', bucket: 'logs', keyPrefix: 'fw/' }, effect: http503 });
    expect(engine.decide('s3', get('fw/1.log'))).toBeDefined();
    expect(engine.decide('s3', get('other/1.log'))).toBeUndefined();
    expect(engine.decide('s3', get('fw/1.log', 'archive'))).toBeUndefined();
    expect(engine.decide('s3', { operation: 'ListObjectsV2', bucket: 'logs' })).toBeUndefined();
  });

  it('matches by stream and by secret name', () => {
    const { engine } = engineAt();
    engine.add({ id: 'stream', target: { service: 'sentinel', stream: 'Custom-Fw' }, effect: http503 });
    engine.add({ id: 'secret', target: { service: 'keyvault', secretName: 'shared-key' }, effect: http503 });
    expect(engine.decide('sentinel', { operation: 'Upload', stream: 'Custom-Fw' })?.rule.id).toBe('stream');
    expect(engine.decide('sentinel', { operation: 'Upload', stream: 'Custom-Other' })).toBeUndefined();
    expect(engine.decide('keyvault', { operation: 'GetSecret', secretName: 'shared-key' })?.rule.id).toBe('secret');
    expect(engine.decide('keyvault', { operation: 'GetSecret', secretName: 'other' })).toBeUndefined();
  });

  it('applies the first rule that fires, in the order rules were added, and counts matched vs applied', () => {
    const { engine } = engineAt();
    engine.add({ id: 'twice', target: { service: 's3' }, effect: http503, schedule: { kind: 'first', count: 2 } });
    engine.add({ id: 'slow', target: { service: 's3' }, effect: { kind: 'latency', latencyMs: 10 } });
    const ids = Array.from({ length: 4 }, () => engine.decide('s3', get())?.rule.id);
    expect(ids).toEqual(['twice', 'twice', 'slow', 'slow']);
    expect(engine.get('twice')).toMatchObject({ matched: 4, applied: 2 });
    expect(engine.get('slow')).toMatchObject({ matched: 2, applied: 2 });
  });

  it('reports a rule nothing matched, also after it is removed', () => {
    const { engine } = engineAt();
    engine.add({ id: 'never', target: { service: 'identity' }, effect: http503 });
    engine.add({ id: 'used', target: { service: 's3' }, effect: http503 });
    engine.decide('s3', get());
    expect(engine.list().map((r) => [r.id, r.unmatched])).toEqual([
      ['never', true],
      ['used', false],
    ]);
    engine.remove('never');
    expect(engine.unmatchedRules().map((r) => r.id)).toEqual(['never']);
    expect(engine.removedRules()[0]).toMatchObject({ id: 'never', removedAtMs: 1_000, matched: 0 });
  });

  it('generates ids, rejects duplicates, and tells listeners about removals', () => {
    const { engine } = engineAt();
    expect(engine.add({ target: { service: 's3' }, effect: http503 }).id).toBe('rule-1');
    expect(() => engine.add({ id: 'rule-1', target: { service: 's3' }, effect: http503 })).toThrow(
      DuplicateFaultRuleError,
    );
    const removed: string[] = [];
    const unsubscribe = engine.onRemoved((id) => removed.push(id));
    engine.add({ id: 'x', target: { service: 's3' }, effect: http503 });
    engine.clear();
    unsubscribe();
    expect(removed).toEqual(['rule-1', 'x']);
    expect(engine.remove('x')).toBe(false);
    expect(engine.list()).toEqual([]);
  });
});

describe('FaultEngine schedules', () => {
  it('always', () => {
    const { engine } = engineAt();
    engine.add({ target: { service: 's3' }, effect: http503 });
    expect(pattern(engine, 5)).toBe('11111');
  });

  it('first N', () => {
    const { engine } = engineAt();
    engine.add({ target: { service: 's3' }, effect: http503, schedule: { kind: 'first', count: 3 } });
    expect(pattern(engine, 6)).toBe('111000');
  });

  it('every nth', () => {
    const { engine } = engineAt();
    engine.add({ target: { service: 's3' }, effect: http503, schedule: { kind: 'every_nth', n: 3 } });
    expect(pattern(engine, 9)).toBe('001001001');
  });

  it('probability is reproducible across two engines with the same seed, and differs with another seed', () => {
    const spec: FaultRuleSpec = {
      id: 'flaky',
      target: { service: 's3' },
      effect: http503,
      schedule: { kind: 'probability', p: 0.3 },
    };
    const runs = [7, 7, 8].map((seed) => {
      const { engine } = engineAt(0, seed);
      engine.add(spec);
      return pattern(engine, 200);
    });
    expect(runs[0]).toBe(runs[1]);
    expect(runs[0]).not.toBe(runs[2]);
    const hits = [...runs[0]!].filter((c) => c === '1').length;
    expect(hits).toBeGreaterThan(35); // p=0.3 of 200 → 60 expected; bounds are ~5σ wide
    expect(hits).toBeLessThan(85);
  });

  it('probability with an explicit schedule seed ignores the run seed', () => {
    const spec: FaultRuleSpec = {
      target: { service: 's3' },
      effect: http503,
      schedule: { kind: 'probability', p: 0.5, seed: 99 },
    };
    const [a, b] = [1, 2].map((seed) => {
      const { engine } = engineAt(0, seed);
      engine.add(spec);
      return pattern(engine, 64);
    });
    expect(a).toBe(b);
  });

  it('window is relative to when the rule was added, end exclusive', () => {
    const { engine, clock } = engineAt(50_000);
    engine.add({
      target: { service: 's3' },
      effect: http503,
      schedule: { kind: 'window', startMs: 1_000, endMs: 2_000 },
    });
    const at = (ms: number): boolean => {
      clock.advance(ms - (clock.now() - 50_000));
      return engine.decide('s3', get()) !== undefined;
    };
    expect([at(0), at(999), at(1_000), at(1_999), at(2_000)]).toEqual([false, false, true, true, false]);
  });

  it('window bounds are target time: at timeScale 10 a 1 s..2 s window is 100..200 ms of clock time', () => {
    const { engine, clock } = engineAt(0, 1, 10);
    engine.add({
      target: { service: 's3' },
      effect: http503,
      schedule: { kind: 'window', startMs: 1_000, endMs: 2_000 },
    });
    clock.advance(99);
    expect(engine.decide('s3', get())).toBeUndefined();
    clock.advance(1);
    expect(engine.decide('s3', get())).toBeDefined();
    clock.advance(100);
    expect(engine.decide('s3', get())).toBeUndefined();
    expect(engine.toWallMs(1_000)).toBe(100);
  });
});

describe('validateFaultRuleSpec', () => {
  it('accepts a complete rule', () => {
    const result = validateFaultRuleSpec({
      id: 'kv-throttle',
      description: 'Key Vault throttles',
      target: { service: 'keyvault', operation: 'GetSecret', secretName: 'k' },
      effect: { kind: 'http_error', status: 429, code: 'Throttled', retryAfterSeconds: 2 },
      schedule: { kind: 'probability', p: 0.5, seed: 3 },
    });
    expect(result.ok).toBe(true);
  });

  it('lists every problem with its path', () => {
    const result = validateFaultRuleSpec({
      id: 'bad id!',
      target: { service: 'dynamo', operation: [], bucket: 3 },
      effect: { kind: 'http_error', status: 418, retryAfterSeconds: -1, colour: 'red' },
      schedule: { kind: 'window', startMs: 5, endMs: 1 },
      extra: true,
    });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^extra: unknown field/),
        expect.stringMatching(/^id: /),
        'target.service: must be one of s3, keyvault, sentinel, identity',
        expect.stringMatching(/^target\.operation: /),
        'target.bucket: must be a non-empty string',
        expect.stringMatching(/^effect\.colour: unknown field/),
        expect.stringMatching(/^effect\.status: must be one of 429, 401, 403, 500, 502, 503, 504/),
        'effect.retryAfterSeconds: must be >= 0',
        'schedule.endMs: must be > schedule.startMs',
      ]),
    );
    expect(problems).toHaveLength(9);
  });

  it('checks each kind and schedule parameter', () => {
    const problemsOf = (input: unknown): string[] => {
      const result = validateFaultRuleSpec(input);
      return result.ok ? [] : result.problems;
    };
    const target = { service: 's3' };
    expect(problemsOf({ target, effect: { kind: 'latency' } })).toEqual(['effect.latencyMs: is required']);
    expect(problemsOf({ target, effect: { kind: 'latency', latencyMs: 5, distribution: 'pareto' } })).toEqual([
      'effect.distribution: must be one of uniform, normal',
    ]);
    expect(problemsOf({ target, effect: { kind: 'truncate_body', keepBytes: 1.5 } })).toEqual([
      'effect.keepBytes: must be an integer',
    ]);
    expect(problemsOf({ target, effect: { kind: 'commit_then_fail', reset: true, status: 503 } })).toHaveLength(1);
    expect(problemsOf({ target, effect: { kind: 'explode' } })[0]).toMatch(
      /^effect\.kind: must be one of http_error, latency, reset, hang, truncate_body, commit_then_fail/,
    );
    expect(problemsOf({ target, effect: { kind: 'reset' }, schedule: { kind: 'first', count: 0 } })).toEqual([
      'schedule.count: must be >= 1',
    ]);
    expect(problemsOf({ target, effect: { kind: 'reset' }, schedule: { kind: 'probability', p: 1.5 } })).toEqual([
      'schedule.p: must be <= 1',
    ]);
    expect(problemsOf({ target, effect: { kind: 'reset' }, schedule: { kind: 'every_nth' } })).toEqual([
      'schedule.n: is required',
    ]);
    expect(problemsOf({ target, effect: { kind: 'reset' }, schedule: { kind: 'sometimes' } })[0]).toMatch(
      /^schedule\.kind: must be one of/,
    );
    expect(problemsOf('nope')).toHaveLength(1);
    expect(problemsOf({})).toEqual([
      expect.stringMatching(/^target: is required/),
      expect.stringMatching(/^effect: is required/),
    ]);
  });

  it('makes add() throw InvalidFaultRuleError carrying every problem', () => {
    const { engine } = engineAt();
    // Untrusted input, as a control API body would bring it: typed as a spec only to reach add().
    const invalid: unknown = { target: { service: 'nope' }, effect: { kind: 'http_error', status: 418 } };
    const attempt = (): unknown => engine.add(invalid as FaultRuleSpec);
    expect(attempt).toThrow(InvalidFaultRuleError);
    try {
      attempt();
    } catch (error) {
      expect((error as InvalidFaultRuleError).problems).toHaveLength(2);
      expect((error as InvalidFaultRuleError).status).toBe(400);
    }
  });
});
