/**
 * The four promise statuses and the findings-first summary, on results built from the fixtures:
 * a driver-only pass is "verified with help", a not-applicable run leaves its promises "not
 * exercised" with the reason, and one error behind many scenarios becomes one finding.
 */
import { describe, expect, it } from 'vitest';
import type { ResultExpectation, ScenarioResultFile } from '../../harness/result/result-schema.js';
import { buildFindings } from '../../reports/findings/build-findings.js';
import { computePromiseStatuses } from '../../reports/model/promise-status.js';
import { RUNBOOK_PROMISES } from '../../scenarios/promises.js';
import { loadFixture } from './helpers/fixtures.js';

const base = loadFixture('rate-limit');
const pass = (promise: string, name = `${promise} holds`): ResultExpectation => ({
  name,
  kind: 'request_count',
  passed: true,
  expected: 0,
  observed: 0,
  evidence: [],
  promise,
});
const fail = (promise: string, kind: string, name: string, observed: unknown): ResultExpectation => ({
  ...pass(promise, name),
  kind,
  passed: false,
  observed,
  evidence: [`evidence of ${name}`],
});
const result = (scenario: string, overrides: Partial<ScenarioResultFile>): ScenarioResultFile => ({
  ...base,
  scenario,
  verdict: 'passed',
  shims: [],
  assistance: [],
  expectations: [],
  ...overrides,
});
const statusOf = (results: ScenarioResultFile[], id: string) =>
  computePromiseStatuses(results, RUNBOOK_PROMISES).find((p) => p.id === id);

describe('promise statuses', () => {
  it('is "verified with help" when the promise held only in a run with a declared driver', () => {
    const driver = { kind: 'driver' as const, name: 'keyvault-driver', description: 'd', calls: ['keyvault' as const] };
    const helped = result('keyvault-outage', {
      assistance: [driver],
      expectations: [pass('keyvault-cache-while-open')],
    });
    expect(statusOf([helped], 'keyvault-cache-while-open')).toMatchObject({
      status: 'verified with help',
      help: ['driver keyvault-driver'],
    });
    // The same promise held through the product's own entry point elsewhere: verified.
    const unaided = result('keyvault-rate-limit', { expectations: [pass('keyvault-cache-while-open')] });
    expect(statusOf([helped, unaided], 'keyvault-cache-while-open')?.status).toBe('verified');
  });

  it('is "violated" when any run failed it, and "not exercised" with the reason when not applicable', () => {
    const failed = result('sentinel-outage', {
      verdict: 'failed',
      expectations: [fail('outage-breaker', 'breaker_sequence', 'sequence', 'CLOSED')],
    });
    expect(statusOf([failed], 'outage-breaker')?.status).toBe('violated');
    const notApplicable = result('breaker-custom-config', {
      verdict: 'not_applicable',
      error: 'add --shim breaker-config',
      promises: ['breaker-config-honoured'],
    });
    const status = computePromiseStatuses(
      [notApplicable],
      [{ id: 'breaker-config-honoured', statement: 's', source: 'x' }],
    )[0];
    expect(status).toMatchObject({ status: 'not exercised', scenarios: ['breaker-custom-config'] });
    expect(status?.note).toContain('add --shim breaker-config');
  });

  it('is "not exercised", not "verified", when it held only in runs where no upload reached Sentinel', () => {
    const idle = result('rate-limit', {
      verdict: 'failed',
      expectations: [
        pass('records-unaltered'),
        fail('uploads-reached', 'uploads_reached_sentinel', 'uploads reached Sentinel', 0),
      ],
    });
    expect(statusOf([idle], 'records-unaltered')).toMatchObject({
      status: 'not exercised',
      note: 'no upload reached Sentinel in: rate-limit',
    });
  });
});

describe('findings', () => {
  it('groups the failures of scenarios whose uploads never reached Sentinel under their common error', () => {
    const error = {
      signature: 'Unexpected error during batch ingestion: upload() takes # positional arguments but # were given',
      firstLine: '2026-11-27 04:00:01,000 - root - ERROR - Unexpected error during batch ingestion: upload() …',
      firstAtMs: 1_000,
      count: 40,
    };
    // Its consequence repeats more often, but logs later: the earlier error is the cause.
    const consequence = {
      signature: "Circuit breaker OPEN for '…'",
      firstLine: "2026-11-27 04:00:09,000 - root - ERROR - Circuit breaker OPEN for 'azure-sentinel'",
      firstAtMs: 9_000,
      count: 90,
    };
    const blocked = (id: string) =>
      result(id, {
        verdict: 'failed',
        targetErrors: [consequence, error],
        expectations: [
          fail('steady-state', 'uploads_reached_sentinel', 'uploads reached Sentinel', 0),
          fail('outage-breaker', 'breaker_sequence', `${id} sequence`, 'CLOSED'),
        ],
      });
    const noS3Breaker = result('s3-outage', {
      verdict: 'failed',
      expectations: [fail('s3-breaker', 'service_breaker', 'a breaker guards S3', 'no breaker observed for S3')],
    });
    const findings = buildFindings([blocked('rate-limit'), blocked('sentinel-outage'), noS3Breaker], []);
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({
      impact: 'promise broken',
      scenarios: ['rate-limit', 'sentinel-outage'],
      evidence: error.firstLine,
    });
    expect(findings[0]?.title).toContain('No upload reaches Sentinel');
    expect(findings[0]?.expectations).toHaveLength(4);
    expect(findings[1]?.title).toContain('no breaker observed for S3');
  });

  it('ranks records lost or altered first, then broken promises, help, and gaps', () => {
    const altered = result('replay-while-failing', {
      verdict: 'failed',
      expectations: [fail('records-unaltered', 'records_unaltered', 'records unaltered', '12 altered')],
    });
    const broken = result('flapping', {
      verdict: 'failed',
      expectations: [fail('flapping', 'breaker_transitions', 'openings', '9 × any state → OPEN')],
    });
    const promises = computePromiseStatuses([altered, broken], RUNBOOK_PROMISES);
    const impacts = buildFindings([broken, altered], promises).map((f) => f.impact);
    expect(impacts).toEqual(['records lost or altered', 'promise broken', 'not exercised']);
  });
});
