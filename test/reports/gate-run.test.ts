import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeShardOutputs } from '../../reports/gate/merge-shards.js';
import { runGate } from '../../reports/gate/run-gate.js';
import { GateUsageError } from '../../reports/report-error.js';
import { computeGateExitCode, type GateSummary } from '../../reports/summary/gate-summary.js';
import { createFixtureEngine, defaultRunOptions, FIXED_DATE, FIXTURE_IDS, tempDir } from './helpers/fixtures.js';

const now = () => FIXED_DATE;

describe('runGate on fixture results', () => {
  it(
    'runs the chosen scenarios two at a time on the reference target ' + 'and exits 1 when an expectation failed',
    async () => {
      await using dir = await tempDir();
      const engine = createFixtureEngine();
      const lines: string[] = [];
      const outcome = await runGate({
        engine,
        run: defaultRunOptions(dir.path),
        scenarios: [...FIXTURE_IDS],
        harnessVersion: '0.1.0',
        onProgress: (l) => lines.push(l),
        now,
      });
      expect(outcome.exitCode).toBe(1);
      expect(engine.maxInFlight).toBe(2);
      expect([...engine.ran].sort()).toEqual([...FIXTURE_IDS]);
      expect(lines[0]).toMatch(/^gate: 4 scenario\(s\) on target reference, 2 at a time/);
      expect(lines).toContain('  [rate-limit] fixture run');
      const failedLine = '✘ auth-failure failed: recovers within recovery_timeout + tolerance';
      expect(lines.some((l) => l.startsWith(failedLine))).toBe(true);
      expect(lines.some((l) => l.startsWith('⚠ sentinel-outage error: Failed to start target'))).toBe(true);
      expect(lines).toContain('gate: 2 passed, 1 failed, 1 errored → exit 1');
      expect((await readdir(dir.path)).sort()).toEqual(
        [...FIXTURE_IDS.map((id) => `${id}.json`), 'json', 'junit'].sort(),
      );
    },
  );

  it('runs the python target serially whatever --concurrency says', async () => {
    await using dir = await tempDir();
    const engine = createFixtureEngine();
    const lines: string[] = [];
    await runGate({
      engine,
      run: defaultRunOptions(dir.path, 'python'),
      scenarios: ['rate-limit', 'keyvault-network'],
      concurrency: 2,
      harnessVersion: '0.1.0',
      onProgress: (l) => lines.push(l),
      now,
    });
    expect(engine.maxInFlight).toBe(1);
    expect(lines[0]).toMatch(/running serially/);
  });

  it('exits 0 when every scenario passed, and 2 when one errored but none failed', async () => {
    await using dir = await tempDir();
    const green = await runGate({
      engine: createFixtureEngine(),
      run: defaultRunOptions(dir.path),
      scenarios: ['rate-limit', 'keyvault-network'],
      harnessVersion: '0.1.0',
      now,
    });
    expect(green.exitCode).toBe(0);
    await using dir2 = await tempDir();
    const errored = await runGate({
      engine: createFixtureEngine(),
      run: defaultRunOptions(dir2.path),
      scenarios: ['rate-limit', 'sentinel-outage'],
      harnessVersion: '0.1.0',
      now,
    });
    expect(errored.exitCode).toBe(2);
  });

  it('records a scenario whose run threw as an errored result file, and keeps running the others', async () => {
    await using dir = await tempDir();
    const engine = createFixtureEngine({ throwFor: ['rate-limit'] });
    const outcome = await runGate({
      engine,
      run: defaultRunOptions(dir.path),
      scenarios: ['rate-limit', 'keyvault-network'],
      harnessVersion: '0.1.0',
      now,
    });
    expect(outcome.exitCode).toBe(2);
    const written = JSON.parse(await readFile(join(dir.path, 'rate-limit.json'), 'utf8'));
    expect(written).toMatchObject({
      schemaVersion: 1,
      scenario: 'rate-limit',
      verdict: 'error',
      error: expect.stringContaining('fixture crash'),
    });
    expect(outcome.summary.scenarios.map((s) => s.verdict)).toEqual(['passed', 'error']);
  });

  it('rejects unknown scenario ids before running anything, listing the known ones', async () => {
    await using dir = await tempDir();
    const engine = createFixtureEngine();
    await expect(
      runGate({ engine, run: defaultRunOptions(dir.path), scenarios: ['rate-limit', 'nope'], harnessVersion: '0.1.0' }),
    ).rejects.toThrow(GateUsageError);
    await expect(
      runGate({ engine, run: defaultRunOptions(dir.path), scenarios: ['nope'], harnessVersion: '0.1.0' }),
    ).rejects.toThrow(/unknown scenario\(s\) nope\. Known scenarios: auth-failure, keyvault-network/);
    expect(engine.ran).toEqual([]);
  });
});

describe('shards and merge', () => {
  async function readOutputs(dir: string): Promise<{ summary: GateSummary; junit: string; results: string[] }> {
    return {
      summary: JSON.parse(await readFile(join(dir, 'json', 'summary.json'), 'utf8')) as GateSummary,
      junit: await readFile(join(dir, 'junit', 'junit.xml'), 'utf8'),
      results: (await readdir(dir)).filter((n) => n.endsWith('.json')).sort(),
    };
  }

  it('merged output of two shards equals the output of one unsharded run', async () => {
    await using whole = await tempDir();
    await using shard1 = await tempDir();
    await using shard2 = await tempDir();
    await using merged = await tempDir();
    const run = (outDir: string, shard?: { index: number; count: number }) =>
      runGate({
        engine: createFixtureEngine(),
        run: defaultRunOptions(outDir),
        harnessVersion: '0.1.0',
        scenarios: [...FIXTURE_IDS],
        now,
        ...(shard ? { shard } : {}),
      });
    const unsharded = await run(whole.path);
    const first = await run(shard1.path, { index: 1, count: 2 });
    const second = await run(shard2.path, { index: 2, count: 2 });
    expect(first.summary.suite).toEqual(['auth-failure', 'rate-limit']);
    expect(second.summary.suite).toEqual(['keyvault-network', 'sentinel-outage']);
    const outcome = await mergeShardOutputs({
      dirs: [shard1.path, shard2.path],
      outDir: merged.path,
      harnessVersion: '0.1.0',
      now,
    });
    expect(outcome.exitCode).toBe(unsharded.exitCode);
    // The fixture engine replays fixed results, so here nothing but generatedAt could differ, and it is pinned.
    expect(await readOutputs(merged.path)).toEqual(await readOutputs(whole.path));
  });

  it('reports a shard whose results are missing as an infrastructure error (exit 2)', async () => {
    await using shard1 = await tempDir();
    await using merged = await tempDir();
    await runGate({
      engine: createFixtureEngine(),
      run: defaultRunOptions(shard1.path),
      harnessVersion: '0.1.0',
      scenarios: ['rate-limit', 'keyvault-network'],
      shard: { index: 1, count: 2 },
      now,
    });
    const outcome = await mergeShardOutputs({ dirs: [shard1.path], outDir: merged.path, harnessVersion: '0.1.0', now });
    expect(outcome.summary.missing).toEqual(['rate-limit']);
    expect(outcome.exitCode).toBe(2);
  });

  it('refuses to merge the same scenario from two shards', async () => {
    await using a = await tempDir();
    await using b = await tempDir();
    await using merged = await tempDir();
    for (const dir of [a.path, b.path])
      await runGate({
        engine: createFixtureEngine(),
        run: defaultRunOptions(dir),
        harnessVersion: '0.1.0',
        scenarios: ['rate-limit'],
        now,
      });
    await expect(
      mergeShardOutputs({ dirs: [a.path, b.path], outDir: merged.path, harnessVersion: '0.1.0' }),
    ).rejects.toThrow(/rate-limit has results in both/);
  });
});

describe('exit code', () => {
  it('is 1 when an errored scenario still has a failed expectation (the broken promise caused the error)', () => {
    const failedExpectation = {
      name: 'breaker sequence',
      kind: 'breaker_sequence',
      passed: false,
      expected: [],
      observed: [],
      evidence: [],
    };
    expect(computeGateExitCode([{ verdict: 'error', expectations: [failedExpectation] }], [])).toBe(1);
    expect(computeGateExitCode([{ verdict: 'error', expectations: [] }], [])).toBe(2);
    expect(computeGateExitCode([{ verdict: 'passed', expectations: [] }], ['missing'])).toBe(2);
    expect(computeGateExitCode([{ verdict: 'passed', expectations: [] }], [])).toBe(0);
  });
});
