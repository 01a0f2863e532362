/**
 * What the harness says about a python checkout that behaves like the real connector (our
 * stand-in, python/standin): its router writes `./failed_batches` whatever `--failed-batches-dir`
 * says, and it has no switch for a breaker configuration. The default run (no shim) must show both:
 * failed batches outside the configured directory are a failed expectation with the files as
 * evidence, and a scenario whose breaker configuration the product cannot take is not applicable,
 * never a pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getScenario } from '../../scenarios/index.js';
import { expectNothingLeft, trackedRun } from '../harness/helpers/tracked-run.js';
import { createStandinCheckout, type StandinCheckout } from './standin-checkout.js';

let checkout: StandinCheckout;
beforeAll(async () => {
  checkout = await createStandinCheckout();
});
afterAll(async () => {
  await checkout?.remove();
});

describe('python target on the stand-in, unhelped', () => {
  it('fails failed_batches_where_configured when the router writes ./failed_batches', async () => {
    // One firewall line per object: the stand-in, like the real parser, reads a whole object as
    // ONE line and rejects the default five-line objects before anything is uploaded or stored.
    const authFailure = getScenario('auth-failure')!;
    const oneLineObjects = { ...authFailure, seed: { ...authFailure.seed, shape: { linesPerObject: 1 } } };
    const run = await trackedRun(oneLineObjects, { target: 'python', connectorDir: checkout.dir });
    const result = run.result!;
    expect(result.error).toBeUndefined();
    const where = result.expectations.find((e) => e.kind === 'failed_batches_where_configured');
    expect(where, result.expectations.map((e) => e.kind).join(', ')).toMatchObject({
      passed: false,
      promise: 'configuration-honoured',
    });
    expect(String(where?.observed)).toMatch(/[1-9]\d* file\(s\) written outside the configured directory/);
    expect(where?.evidence.join('\n')).toMatch(/connector\/failed_batches\/.*\.json/);
    expect(result.verdict).toBe('failed');
    await expectNothingLeft(run);
  });

  it('gives not_applicable for a scenario breaker configuration without --shim breaker-config', async () => {
    const run = await trackedRun(getScenario('breaker-custom-config')!, {
      target: 'python',
      connectorDir: checkout.dir,
    });
    const result = run.result!;
    expect(result.verdict).toBe('not_applicable');
    expect(result.error).toMatch(/breaker-config/);
    await expectNothingLeft(run);
  });
});
