import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUNBOOK_BREAKER_DEFAULTS } from '../../harness/domain/breaker.js';
import { REFERENCE_MAIN_PATH, referenceTarget } from '../../harness/targets/reference/index.js';
import { spawnTargetProcess } from '../../harness/targets/shared/spawn-target-process.js';
import { eventually } from '../helpers/eventually.js';
import {
  BUCKET,
  deliveries,
  firewallLine,
  PREFIX,
  prepareReference,
  recordId,
  seedRecords,
  useReferenceRun,
} from './reference-harness.js';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function failedBatches(dir: string): Promise<Record<string, unknown>[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return Promise.all(
    names
      .filter((n) => n.endsWith('.json'))
      .map(async (n) => JSON.parse(await readFile(join(dir, n), 'utf8')) as Record<string, unknown>),
  );
}

describe('reference target: bad input', () => {
  const ctx = useReferenceRun();

  it('counts malformed lines as rejected with a logged reason and delivers the good ones', async () => {
    ctx.fakes.s3.putObject(
      BUCKET,
      `${PREFIX}mixed.log`,
      [
        firewallLine(1),
        'not a firewall line',
        '2024-01-01T00:00:00Z|10.0.0.1|10.0.0.2|allow|rule-1|tcp|40000|443|',
        '2024-01-01T00:00:00Z|10.0.0.1|10.0.0.2|explode|rule-1|tcp|40000|443|1000099',
        JSON.stringify({
          timestamp: '2024-01-01T00:00:00Z',
          src_ip: '10.0.0.3',
          dst_ip: '10.0.0.4',
          action: 'deny',
          bytes: recordId(2),
        }),
        '{"timestamp": broken',
      ].join('\n'),
    );
    ctx.target = await prepareReference(ctx.fakes);
    const ingest = await ctx.target.launch('ingest');
    expect((await ingest.exited).code).toBe(0);
    const rejected = ctx.target.events.flatMap((e) => e.events).filter((e) => e.kind === 'record_rejected');
    expect(rejected.map((e) => (e.kind === 'record_rejected' ? e.reason : ''))).toEqual([
      "malformed firewall line: expected 9 '|'-separated fields, got 1 (object logs/mixed.log line 2)",
      "missing required fields: ['bytes'] (object logs/mixed.log line 3)",
      'invalid action "explode" (expected allow, deny, drop or reset) (object logs/mixed.log line 4)',
      expect.stringMatching(/^malformed JSON line: .* \(object logs\/mixed\.log line 6\)$/),
    ]);
    expect([...deliveries(ctx.fakes).keys()].sort()).toEqual([recordId(1), recordId(2)]);
  });

  it('rejects a malformed config with exit 2 and one message listing every problem', async () => {
    ctx.target = await prepareReference(ctx.fakes);
    const configPath = join(ctx.target.workDir, 'bad-config.json');
    await writeFile(
      configPath,
      JSON.stringify({
        bucket: 3,
        ruleId: '',
        batchSize: 'ten',
        healthPort: 70_000,
        breaker: { failure_threshold: -1, nope: 1 },
        colour: 'blue',
      }),
    );
    const proc = spawnTargetProcess({
      command: 'ingest',
      file: REFERENCE_MAIN_PATH,
      args: ['ingest', '--config', configPath],
      env: {},
      cwd: ctx.target.workDir,
    });
    const records: string[] = [];
    proc.onLogRecord((r) => records.push(r));
    expect((await proc.exited).code).toBe(2);
    const text = records.join('\n');
    for (const problem of [
      'colour is not a config field',
      'bucket must be a string, got 3',
      'ruleId must not be empty',
      'stream is missing',
      'secretName is missing',
      'failedBatchesDir is missing',
      'stateDir is missing',
      'healthPort must be a whole number >= 0 and <= 65535, got 70000',
      'batchSize must be a whole number >= 1, got "ten"',
      'breaker.failure_threshold must be a whole number > 0, got -1',
      'breaker.nope is not a breaker field',
      'environment variable SENTINEL_DCR_ENDPOINT is not set',
      'environment variable KEY_VAULT_URL is not set',
      'environment variable IDENTITY_ENDPOINT is not set',
    ])
      expect(text).toContain(problem);
    expect(text).toMatch(
      /^\d{4}-\d{2}-\d{2} .* - ConfigManager - ERROR - Failed to load config .*bad-config\.json: 14 problem\(s\):/,
    );

    const usage = spawnTargetProcess({
      command: 'ingest',
      file: REFERENCE_MAIN_PATH,
      args: ['ingest'],
      env: {},
      cwd: ctx.target.workDir,
    });
    const usageRecords: string[] = [];
    usage.onLogRecord((r) => usageRecords.push(r));
    expect((await usage.exited).code).toBe(2);
    expect(usageRecords.join('\n')).toContain('--config <file.json> is required');
  });

  it('rejects an unknown --target-option naming it and listing the valid ones', async () => {
    const context = {
      workDir: '/tmp/unused',
      fakesEnv: {},
      endpoints: ctx.fakes.endpoints,
      bucket: BUCKET,
      prefix: PREFIX,
      ruleId: 'r',
      stream: 's',
      secretName: 'x',
      timeScale: 1,
      seed: 1,
      shims: [],
      pollIntervalMs: 1_000,
      breakerConfig: RUNBOOK_BREAKER_DEFAULTS,
      sentinelEndpointFor: (command: string) => `${ctx.fakes.endpoints.sentinel}/~${command}`,
    };
    await expect(referenceTarget.prepare({ ...context, options: { failure_treshold: '3' } })).rejects.toThrow(
      /unknown option "failure_treshold".*failure_threshold, recovery_timeout/,
    );
    await expect(referenceTarget.prepare({ ...context, options: { recovery_timeout: 'soon' } })).rejects.toThrow(
      /recovery_timeout=soon must be a number > 0/,
    );
    await expect(referenceTarget.prepare({ ...context, options: {}, shims: ['upload-adapter'] })).rejects.toThrow(
      /--shim upload-adapter applies to the python target only/,
    );
  });

  it('stores the batch with a clear error when Sentinel is unreachable', async () => {
    const [id] = seedRecords(ctx.fakes, 0, 1);
    const unreachable = `https://127.0.0.1:${await closedPort()}`;
    ctx.target = await prepareReference(ctx.fakes, {}, { sentinelEndpointFor: () => unreachable });
    const ingest = await ctx.target.launch('ingest');
    expect((await ingest.exited).code).toBe(0);
    const files = await failedBatches(ctx.target.prepared.failedBatchesDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({
      error_category: 'azure_error:unknown',
      retry_count: 0,
      data: [expect.objectContaining({ BytesTransferred: id })],
    });
    expect(String(files[0]!.error)).toMatch(/ECONNREFUSED/);
    expect(ctx.target.events.some((e) => /Azure ingestion error: .*ECONNREFUSED/.test(e.record))).toBe(true);
  });

  it('ingest exits 1 with "Pipeline cycle failed" when the bucket cannot be listed', async () => {
    ctx.fakes.faults.add({
      id: 'list-denied',
      target: { service: 's3', operation: 'ListObjectsV2' },
      effect: { kind: 'http_error', status: 403, code: 'AccessDenied' },
    });
    ctx.target = await prepareReference(ctx.fakes);
    const ingest = await ctx.target.launch('ingest');
    expect((await ingest.exited).code).toBe(1);
    const errors = ctx.target.events.filter((e) => e.events.some((ev) => ev.kind === 'error'));
    expect(errors.map((e) => e.record).join('\n')).toMatch(/s3_sentinel\.pipeline - ERROR - Pipeline cycle failed: /);
  });

  it('on SIGTERM persists the in-flight upload, leaves untouched objects for the next start, and exits 0', async () => {
    ctx.fakes.faults.add({
      id: 'sentinel-hang',
      target: { service: 'sentinel', operation: 'Upload' },
      effect: { kind: 'hang' },
    });
    const ids = seedRecords(ctx.fakes, 0, 3);
    ctx.target = await prepareReference(ctx.fakes);
    const run = await ctx.target.launch('run');
    await eventually(() => (ctx.fakes.faults.get('sentinel-hang')?.matched ?? 0) >= 1, {
      what: 'an upload is hanging',
    });
    await run.stop();
    expect(await run.exited).toEqual({ code: 0, signal: null });
    const files = await failedBatches(ctx.target.prepared.failedBatchesDir);
    expect(files.map((f) => f.error_category)).toEqual(['shutdown']);
    const inFile = (files[0]!.data as { BytesTransferred: number }[]).map((r) => r.BytesTransferred);
    expect(inFile).toHaveLength(1);

    ctx.fakes.faults.remove('sentinel-hang');
    const restart = await ctx.target.launch('run');
    await eventually(() => ids.filter((id) => !inFile.includes(id)).every((id) => deliveries(ctx.fakes).has(id)), {
      what: 'the other two delivered after restart',
    });
    await restart.stop();
    const replay = await ctx.target.launch('replay-failed');
    expect((await replay.exited).code).toBe(0);
    const counts = deliveries(ctx.fakes);
    expect([...counts.keys()].sort()).toEqual(ids);
    expect([...counts.values()]).toEqual([1, 1, 1]);
  });
});
