import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batchIdOf, FailedBatchStore } from '../../harness/targets/reference/failed-batch-store.js';
import { ProgressStore } from '../../harness/targets/reference/progress-store.js';
import { ConfigError, validateReferenceConfig } from '../../harness/targets/reference/reference-config.js';
import { parseReferenceTargetOptions, VALID_OPTION_NAMES } from '../../harness/targets/reference/target-options.js';
import { RUNBOOK_BREAKER_DEFAULTS } from '../../harness/targets/target.js';

describe('parseReferenceTargetOptions', () => {
  it('applies breaker fields by name, kv_ fields to the Key Vault breaker, knobs and test knobs', () => {
    const parsed = parseReferenceTargetOptions({
      recovery_timeout: '2.5',
      min_calls_before_open: '0',
      kv_operation_timeout: '1',
      batch_size: '50',
      secret_refresh_ms: '1000',
      drop_failed_batches: 'true',
      real_reopen_wording: 'false',
    });
    expect(parsed.breaker).toEqual({ ...RUNBOOK_BREAKER_DEFAULTS, recovery_timeout: 2.5, min_calls_before_open: 0 });
    expect(parsed.keyVaultBreaker).toEqual({ ...RUNBOOK_BREAKER_DEFAULTS, operation_timeout: 1 });
    expect(parsed).toMatchObject({
      batchSize: 50,
      secretRefreshMs: 1_000,
      faultsForTesting: { dropFailedBatches: true, realReopenWording: false },
    });
    expect(parseReferenceTargetOptions({}).keyVaultBreaker.operation_timeout).toBe(10);
    expect(VALID_OPTION_NAMES).toContain('kv_success_threshold');
  });

  it('names the bad option and lists the valid ones', () => {
    expect(() => parseReferenceTargetOptions({ bogus: '1' })).toThrow(
      /unknown option "bogus"\. Valid --target-option names: failure_threshold, .*archive_on_failure/,
    );
    expect(() => parseReferenceTargetOptions({ failure_threshold: '1.5' })).toThrow(
      /failure_threshold=1\.5 must be a whole number > 0/,
    );
    expect(() => parseReferenceTargetOptions({ archive_on_failure: 'yes' })).toThrow(
      /archive_on_failure=yes must be true or false/,
    );
  });
});

describe('parseReferenceTargetOptions: break options', () => {
  it('maps each break option to its test fault', () => {
    const { faultsForTesting } = parseReferenceTargetOptions({
      alter_on_replay: 'true',
      drop_column: 'SourcePort',
      whole_object_record: 'true',
      skip_store_on_timeout: 'true',
      oneshot_exit_zero: 'false',
      replay_report_lies: 'true',
      archive_on_failure: 'true',
      ignore_progress: 'true',
    });
    expect(faultsForTesting).toEqual({
      alterOnReplay: true,
      dropColumn: 'SourcePort',
      wholeObjectRecord: true,
      skipStoreOnTimeout: true,
      oneshotExitZero: false,
      replayReportLies: true,
      archiveOnFailure: true,
      ignoreProgress: true,
    });
    for (const name of ['alter_on_replay', 'drop_column', 'whole_object_record', 'skip_store_on_timeout'])
      expect(VALID_OPTION_NAMES).toContain(name);
    expect(VALID_OPTION_NAMES).toContain('oneshot_exit_zero');
    expect(VALID_OPTION_NAMES).toContain('replay_report_lies');
  });

  it('drop_column must name a declared column; switches must be true or false', () => {
    expect(() => parseReferenceTargetOptions({ drop_column: 'Nope' })).toThrow(
      /drop_column=Nope must name a declared column \(TimeGenerated, SourceIP, .*BytesTransferred\)/,
    );
    expect(() => parseReferenceTargetOptions({ drop_column: 'true' })).toThrow(/must name a declared column/);
    expect(() => parseReferenceTargetOptions({ drop_column: 'DataClassification' })).toThrow(/declared column/);
    expect(() => parseReferenceTargetOptions({ replay_report_lies: '1' })).toThrow(
      /replay_report_lies=1 must be true or false/,
    );
  });

  it('the JSON config checks the same rules', () => {
    const base = { bucket: 'b', ruleId: 'r', stream: 's', secretName: 'n', failedBatchesDir: '/f', stateDir: '/s' };
    expect(validateReferenceConfig({ ...base, faultsForTesting: { dropColumn: 'RuleName' } }).faultsForTesting).toEqual(
      {
        dropColumn: 'RuleName',
      },
    );
    expect(() =>
      validateReferenceConfig({ ...base, faultsForTesting: { dropColumn: 'x', oneshotExitZero: 1 } }),
    ).toThrow(
      /faultsForTesting\.dropColumn must name a declared column .*, got "x"[\s\S]*oneshotExitZero must be true/,
    );
  });
});

describe('validateReferenceConfig', () => {
  it('fills defaults and keeps overrides', () => {
    const config = validateReferenceConfig({
      bucket: 'b',
      ruleId: 'r',
      stream: 's',
      secretName: 'n',
      failedBatchesDir: '/f',
      stateDir: '/s',
      breaker: { recovery_timeout: 2 },
    });
    expect(config).toMatchObject({
      prefix: '',
      healthPort: 0,
      timeScale: 1,
      batchSize: 100,
      breaker: { ...RUNBOOK_BREAKER_DEFAULTS, recovery_timeout: 2 },
      keyVaultBreaker: { operation_timeout: 10 },
    });
  });

  it('reports every problem at once', () => {
    let error: unknown;
    try {
      validateReferenceConfig({ timeScale: 0, faultsForTesting: { dropFailedBatches: 'yes', other: true } }, 'c.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toHaveLength(9);
    expect((error as ConfigError).message).toMatch(/^Failed to load config c\.json: 9 problem\(s\):/);
  });
});

describe('FailedBatchStore and ProgressStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'reference-units-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'writes the real file name and keys, unique even for identical content, ' + 'and archives with the real stamp',
    async () => {
      const store = new FailedBatchStore(join(dir, 'failed'));
      const records = [{ BytesTransferred: 1 }];
      const nowMs = Date.UTC(2026, 10, 27, 2, 33, 50, 501);
      const a = await store.store(records, 'boom', 'azure_error:503', nowMs);
      const b = await store.store(records, 'boom', 'azure_error:503', nowMs);
      expect(a.batchId).toBe(batchIdOf(records));
      expect(a.path).not.toBe(b.path);
      expect(a.path).toMatch(new RegExp(`failed-batch-${a.batchId}-2026-11-27T02-33-50\\.501\\d{3}\\+00-00\\.json$`));
      expect(JSON.parse(await readFile(a.path, 'utf8'))).toEqual({
        batch_id: a.batchId,
        timestamp: expect.stringMatching(/^2026-11-27T02:33:50\.501\d{3}\+00:00$/),
        error: 'boom',
        error_category: 'azure_error:503',
        retry_count: 0,
        data: records,
      });
      expect(await store.gauges(nowMs + 10_000)).toEqual({ files: 2, oldestAgeSeconds: 10 });
      const archived = await store.archive(a.path, nowMs);
      expect(archived).toMatch(/archived\/failed-batch-.*-20261127T023350Z\.json$/);
      expect((await store.list()).length).toBe(1);
      expect((await readdir(join(dir, 'failed'))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    },
  );

  it('reports no waiting files when the directory is missing or a regular file stands in its place', async () => {
    const path = join(dir, 'failed');
    expect(await new FailedBatchStore(path).gauges(0)).toEqual({ files: 0, oldestAgeSeconds: 0 });
    await writeFile(path, 'not a directory');
    expect(await new FailedBatchStore(path).list()).toEqual([]);
    await expect(new FailedBatchStore(path).store([{ BytesTransferred: 1 }], 'e', 'c', 0)).rejects.toThrow(/EEXIST/);
  });

  it('remembers handled objects by key and ETag across instances', async () => {
    const first = new ProgressStore(dir);
    await first.markHandled({
      key: 'logs/a.log',
      etag: '"1"',
      records: 1,
      delivered: 1,
      stored: 0,
      rejected: 0,
      handledAtMs: 0,
    });
    const second = new ProgressStore(dir);
    await second.load();
    expect(second.isHandled('logs/a.log', '"1"')).toBe(true);
    expect(second.isHandled('logs/a.log', '"2"')).toBe(false);
  });
});
