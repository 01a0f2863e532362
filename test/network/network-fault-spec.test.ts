import { describe, expect, it } from 'vitest';
import type { NetworkFaultSpec } from '../../harness/network/index.js';
import {
  describeNetworkFault,
  scaleTimeAttribute,
  toToxicBody,
  validateNetworkFaultSpec,
} from '../../harness/network/index.js';

describe('validateNetworkFaultSpec', () => {
  it('accepts every kind with its attributes', () => {
    const specs: NetworkFaultSpec[] = [
      { id: 'a', service: 's3', toxic: 'latency', attributes: { latency: 100, jitter: 10 } },
      { id: 'b', service: 's3', toxic: 'bandwidth', attributes: { rate: 10 } },
      { id: 'c', service: 's3', toxic: 'slow_close', attributes: { delay: 10 } },
      { id: 'd', service: 's3', toxic: 'timeout', attributes: { timeout: 0 } },
      { id: 'e', service: 's3', toxic: 'reset_peer', direction: 'upstream', toxicity: 0.5 },
      { id: 'f', service: 's3', toxic: 'slicer', attributes: { average_size: 10, size_variation: 2, delay: 100 } },
      { id: 'g', service: 's3', toxic: 'limit_data', attributes: { bytes: 100 } },
      { id: 'h', service: 's3', toxic: 'partition' },
    ];
    for (const spec of specs) expect(validateNetworkFaultSpec(spec), spec.id).toEqual([]);
  });

  it('names each bad attribute', () => {
    const problems = validateNetworkFaultSpec({
      id: 'x',
      service: 'sentinel',
      toxic: 'latency',
      toxicity: 2,
      attributes: { jitter: -1, rate: 5 },
    });
    expect(problems).toEqual([
      'toxicity: must be a number from 0 to 1, got 2',
      'attributes.jitter: must be a finite number >= 0 (± random spread, ms), got -1',
      'attributes.rate: not an attribute of "latency" (known: latency, jitter)',
      'attributes.latency: required for "latency" (delay added to each chunk, ms)',
    ]);
  });

  it('rejects integers Toxiproxy would refuse, unknown kinds and unproxied services', () => {
    expect(
      validateNetworkFaultSpec({ id: 'x', service: 's3', toxic: 'limit_data', attributes: { bytes: 1.5 } }),
    ).toEqual(['attributes.bytes: must be an integer (bytes passed before the connection is closed), got 1.5']);
    expect(validateNetworkFaultSpec({ id: 'x', service: 's3', toxic: 'down' as never })[0]).toMatch(
      /^toxic: must be one of latency, /,
    );
    expect(validateNetworkFaultSpec({ id: 'x', service: 'keyvault', toxic: 'partition' }, ['s3'])).toEqual([
      'service: "keyvault" has no proxy in this run (proxied: s3); add it to networkServices',
    ]);
  });

  it('refuses direction and partial toxicity on a partition', () => {
    expect(
      validateNetworkFaultSpec({ id: 'p', service: 's3', toxic: 'partition', direction: 'upstream', toxicity: 0.5 }),
    ).toHaveLength(2);
  });
});

describe('toToxicBody', () => {
  it('divides time attributes by the time scale and leaves sizes alone', () => {
    const body = toToxicBody(
      { id: 'l', service: 'sentinel', toxic: 'latency', attributes: { latency: 40_000, jitter: 1_000 } },
      10,
    );
    expect(body).toEqual({
      name: 'l',
      type: 'latency',
      stream: 'downstream',
      toxicity: 1,
      attributes: { latency: 4_000, jitter: 100 },
    });
    const slicer = toToxicBody(
      {
        id: 's',
        service: 's3',
        toxic: 'slicer',
        direction: 'upstream',
        toxicity: 0.3,
        attributes: { average_size: 64, delay: 500 },
      },
      4,
    );
    expect(slicer).toEqual({
      name: 's',
      type: 'slicer',
      stream: 'upstream',
      toxicity: 0.3,
      attributes: { average_size: 64, delay: 125 },
    });
  });

  it('never turns a positive time into 0, which would change its meaning', () => {
    expect(scaleTimeAttribute(3, 100)).toBe(1);
    expect(scaleTimeAttribute(0, 100)).toBe(0);
    expect(scaleTimeAttribute(1_000, 3)).toBe(333);
  });

  it('describes a fault in one line, in target units', () => {
    expect(
      describeNetworkFault({ id: 'l', service: 'sentinel', toxic: 'latency', attributes: { latency: 40_000 } }),
    ).toBe('latency downstream latency=40000 on sentinel');
    expect(describeNetworkFault({ id: 'p', service: 'keyvault', toxic: 'partition' })).toBe('partition on keyvault');
  });
});
