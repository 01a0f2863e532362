/**
 * The journal's `clientRequestId`: the id SDKs keep across the retries of one logical call, so the
 * harness can tell "a call retried" from "a new call". Checked with the real Azure SDKs (Python,
 * as the connector uses it, and JS) against a 503 that is retried, and with raw headers.
 */
import { describe, expect, it } from 'vitest';
import { useSharedFakes } from '../../helpers/shared-fakes.js';
import { runNodeClient, runPythonCheck } from '../azure/helpers/run-client.js';
import { runBoto3 } from '../s3/run-boto3.js';
import { rawRequest } from './helpers/raw-request.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const shared = useSharedFakes({ clearFaultsAfterEach: true });

/** Two failed attempts, then success: one call of three requests. */
function failTwice(stream: string): void {
  shared.fakes.faults.add({
    target: { service: 'sentinel', operation: 'Upload', stream },
    effect: { kind: 'http_error', status: 503, retryAfterSeconds: 0 },
    schedule: { kind: 'first', count: 2 },
  });
}

function uploadsOf(stream: string, sinceSeq: number) {
  return shared.fakes.journal
    .query({ sinceSeq, service: 'sentinel', operation: 'Upload' })
    .filter((e) => e.stream === stream);
}

describe('journal clientRequestId', () => {
  it('is the same on every retry of one Python LogsIngestionClient.upload and differs between uploads', async () => {
    const stream = 'Custom-CallIdPy_CL';
    failTwice(stream);
    const since = shared.fakes.journal.total();
    const args = {
      endpoint: shared.fakes.endpoints.sentinel,
      rule_id: 'dcr-call-id',
      stream,
      record_count: 5,
      record_bytes: 50,
    };
    const first = await runPythonCheck<{ ok: boolean }>('azure_logs_upload.py', args, shared.fakes.env);
    expect(first.result, first.stderr).toMatchObject({ ok: true });
    const second = await runPythonCheck<{ ok: boolean }>('azure_logs_upload.py', args, shared.fakes.env);
    expect(second.result, second.stderr).toMatchObject({ ok: true });

    const uploads = uploadsOf(stream, since);
    expect(uploads.map((e) => e.status)).toEqual([503, 503, 204, 204]);
    const ids = uploads.map((e) => e.clientRequestId);
    expect(ids[0]).toMatch(UUID);
    expect(ids.slice(0, 3)).toEqual([ids[0], ids[0], ids[0]]);
    expect(ids[3]).toMatch(UUID);
    expect(ids[3]).not.toBe(ids[0]);
  });

  it('is the same on every retry of one JS LogsIngestionClient.upload', async () => {
    const stream = 'Custom-CallIdJs_CL';
    failTwice(stream);
    const since = shared.fakes.journal.total();
    const run = await runNodeClient<{ ok: boolean }>(
      'monitor-upload.ts',
      { endpoint: shared.fakes.endpoints.sentinel, ruleId: 'dcr-call-id', stream, recordCount: 5, recordBytes: 50 },
      shared.fakes.env,
    );
    expect(run.result, run.stderr).toMatchObject({ ok: true });
    const uploads = uploadsOf(stream, since);
    expect(uploads.map((e) => e.status)).toEqual([503, 503, 204]);
    const ids = uploads.map((e) => e.clientRequestId);
    expect(ids[0]).toMatch(UUID);
    expect(ids).toEqual([ids[0], ids[0], ids[0]]);
  });

  it('is the same on every retry of one boto3 call (amz-sdk-invocation-id), with the attempt counting up', async () => {
    shared.fakes.s3.createBucket('call-ids');
    shared.fakes.s3.putObject('call-ids', 'k.log', Buffer.from('hello'));
    shared.fakes.faults.add({
      target: { service: 's3', operation: 'GetObject', bucket: 'call-ids' },
      effect: { kind: 'http_error', status: 503 },
      schedule: { kind: 'first', count: 2 },
    });
    const since = shared.fakes.journal.total();
    const run = await runBoto3(['get', '--bucket', 'call-ids', '--key', 'k.log'], {
      endpoint: shared.fakes.endpoints.s3,
      extra: { ...shared.fakes.env },
    });
    expect(run.ok, JSON.stringify(run)).toBe(true);
    const gets = shared.fakes.journal.query({ sinceSeq: since, service: 's3', operation: 'GetObject' });
    expect(gets.map((e) => [e.status, e.attempt])).toEqual([
      [503, 1],
      [503, 2],
      [200, 3],
    ]);
    expect(gets[0]!.clientRequestId).toMatch(UUID);
    expect(gets.map((e) => e.clientRequestId)).toEqual(Array(3).fill(gets[0]!.clientRequestId));
  });

  it('takes x-ms-client-request-id, else amz-sdk-invocation-id, and is absent without either', async () => {
    const since = shared.fakes.journal.total();
    await rawRequest(`${shared.fakes.endpoints.s3}/`, {
      ca: shared.fakes.caCertPem,
      headers: { 'amz-sdk-invocation-id': 'aws-call-1', 'amz-sdk-request': 'attempt=2; max=3' },
    });
    await rawRequest(`${shared.fakes.endpoints.s3}/`, {
      ca: shared.fakes.caCertPem,
      headers: { 'x-ms-client-request-id': 'azure-call-1', 'amz-sdk-invocation-id': 'ignored' },
    });
    await rawRequest(`${shared.fakes.endpoints.s3}/`, { ca: shared.fakes.caCertPem });
    const entries = shared.fakes.journal.query({ sinceSeq: since, service: 's3' });
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatchObject({ clientRequestId: 'aws-call-1', attempt: 2 });
    expect(entries[1]).toMatchObject({ clientRequestId: 'azure-call-1' });
    expect(entries[2]!.clientRequestId).toBeUndefined();
  });
});
