/**
 * The Logs Ingestion fake cuts records out of an upload without parsing it only when the cut is
 * exactly what JSON.parse then JSON.stringify would give; every other text must be left to the
 * parsing path (undefined). Checked on named cases and on seeded random texts against JSON itself.
 */
import { describe, expect, it } from 'vitest';
import { scanCanonicalRecords } from '../../../fakes/sentinel/scan-canonical-records.js';

/** The contract: whatever the scan returns is JSON.stringify of each element of JSON.parse(text). */
function expectFaithful(text: string): string[] | undefined {
  const records = scanCanonicalRecords(text);
  if (records === undefined) return undefined;
  const parsed = JSON.parse(text) as unknown[];
  expect(Array.isArray(parsed)).toBe(true);
  expect(parsed.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))).toBe(true);
  expect(records).toEqual(parsed.map((r) => JSON.stringify(r)));
  return records;
}

/** mulberry32: a small seeded generator, so a failure names a reproducible text. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('scanCanonicalRecords', () => {
  it("returns each record's JSON for what JSON.stringify writes, nesting and escapes included", () => {
    const records = [
      { TimeGenerated: '2024-01-01T00:00:00.000Z', SourceIP: '10.0.0.1', Port: 443, Bytes: 1_000_001 },
      { msg: 'a},{b "quoted" \\ back\nline\ttab', ok: true, none: null, ratio: 0.25, big: 1e21, tiny: 5e-7 },
      { nested: { list: [1, -2, [], {}, [{ x: 'é ☃ 😀' }]], empty: '' }, n: -0.5 },
      {},
    ];
    expect(expectFaithful(JSON.stringify(records))).toHaveLength(4);
    // No backslash or control character anywhere: strings are cut at the next quote.
    expect(expectFaithful('[{"a":"x y","b":[1,{"c":"d"}]},{"e":"","f":"é😀"}]')).toHaveLength(2);
  });

  it('leaves everything JSON.stringify would not write to the parsing path', () => {
    const notCanonical = [
      '[ {"a":1}]', // whitespace
      '[{"a": 1}, {"b": 2}]', // Python's default separators
      '[{"a":1.0}]',
      '[{"a":1e2}]',
      '[{"a":-0}]',
      '[{"a":0.10}]',
      '[{"a":12345678901234567890}]', // not exact as a double
      '[{"a":"\\/"}]',
      '[{"a":"\\u0041"}]',
      '[{"a":"\\u001f"}]', // canonical in fact, but \u escapes are never trusted
      '[{"a":1,"a":2}]', // duplicate key
      '[{"x":{"a":1,"a":1}}]',
      '[{"b":1,"1":2}]', // an array-index key: V8 puts it first
      '[{"__proto__":{}}]',
    ];
    for (const text of notCanonical) expect([text, scanCanonicalRecords(text)]).toEqual([text, undefined]);
  });

  it('never accepts a text that is not a JSON array of objects', () => {
    const invalid = [
      '[]',
      '[1]',
      '[{"a":1},2]',
      '[[]]',
      '{"a":1}',
      '[{"a":1}',
      '[{"a":1},]',
      '[{"a":1}]x',
      '[{"a":01}]',
    ];
    const moreInvalid = [
      '[{"a":tru}]',
      '[{"a":"x\ny"}]',
      '[{"a":1.}]',
      '[{"a":.5}]',
      '[{"a":+1}]',
      '[{a:1}]',
      '\ufeff[{}]',
    ];
    for (const text of [...invalid, ...moreInvalid])
      expect([text, scanCanonicalRecords(text)]).toEqual([text, undefined]);
    const deep = `[${'{"a":'.repeat(40)}1${'}'.repeat(40)}]`;
    expect(scanCanonicalRecords(deep)).toBeUndefined();
  });

  it('agrees with JSON.parse and JSON.stringify on seeded random texts and their mutations', () => {
    const random = seeded(20_261_128);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const pieces = [
      'a',
      'Z',
      ' ',
      '"',
      '\\',
      '/',
      '\n',
      '\u0001',
      '\u007f',
      'é',
      '\u2028',
      '😀',
      '\ud800',
      '0',
      '{',
      '}',
      ',',
    ];
    const text = () => Array.from({ length: Math.floor(random() * 4) }, () => pick(pieces)).join('');
    const keys = ['a', 'b', 'key', '0', '7', '-1', '__proto__', '', 'x y'];
    const numbers = [0, -0, 1, -1, 1.5, 0.1, 1e21, 1e-7, 123_456_789_012_345, 2 ** 60, 1 / 3, 5e-324];
    const value = (depth: number): unknown => {
      const roll = random();
      if (depth > 3 || roll < 0.3) return text();
      if (roll < 0.5) return pick(numbers);
      if (roll < 0.6) return pick([true, false, null]);
      if (roll < 0.8) return object(depth + 1);
      return Array.from({ length: Math.floor(random() * 3) }, () => value(depth + 1));
    };
    const object = (depth: number) =>
      Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, () => [pick(keys), value(depth)]));
    const tokens = ['1.0', '1e2', '-0', '01', '1e+21', '1e21', '1.5', '.5', '+1', ' ', '\\/', '\\u0061', ',,', '""'];
    const mutate = (t: string) => {
      const at = Math.floor(random() * (t.length + 1));
      const roll = random();
      if (roll < 0.3) return t.slice(0, at) + pick(tokens) + t.slice(at);
      if (roll < 0.5) return t.slice(0, at) + t.slice(at + 1);
      if (roll < 0.7) return t.slice(0, at) + pick(pieces) + t.slice(at);
      return t.replace(/\{"([^"]*)":/, (_match, key: string) => `{"${key}":1,"${key}":`);
    };
    let accepted = 0;
    for (let i = 0; i < 3_000; i++) {
      const canonical = JSON.stringify(Array.from({ length: 1 + Math.floor(random() * 3) }, () => object(0)));
      if (expectFaithful(canonical)) accepted++;
      let mutated = canonical;
      for (let m = 0; m < 3; m++) {
        mutated = mutate(mutated);
        if (expectFaithful(mutated)) accepted++;
      }
    }
    expect(accepted).toBeGreaterThan(500); // the property was exercised, not vacuous
  });
});
