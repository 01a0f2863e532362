/**
 * The gate end to end on the reference target: real fakes, real reference connector, real
 * engine, through the CLI as CI runs it. One file, run in order, so that at most one gate
 * (two scenarios) runs at a time on the 2-core box.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, type TestSuites } from 'junit2json';
import { afterAll, describe, expect, it } from 'vitest';
import type { GateSummary } from '../../reports/summary/gate-summary.js';
import { listScenarios } from '../../scenarios/index.js';
import { tempDir } from './helpers/fixtures.js';
import { checkScenarioResult, orphanedProcesses } from './helpers/scenario-checks.js';

const root = new URL('../../', import.meta.url).pathname;
/** The green run: x5, where steady-state bounds (3 poll intervals) hold beside other e2e files on 2 cores. */
const GREEN_TIME_SCALE = process.env.GATE_E2E_TIME_SCALE ?? '5';
/** Shard and failing-gate runs only need the gate's plumbing and a breaker that never opens. */
const FAST_TIME_SCALE = '20';
const SHORT_SUITE = ['auth-failure', 'rate-limit'] as const;

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function runGateCli(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'cli/gate.ts', ...args],
      { cwd: root, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      },
    );
  });
}

async function readGateOutput(dir: string): Promise<{ summary: GateSummary; junit: TestSuites }> {
  const summary = JSON.parse(await readFile(join(dir, 'json', 'summary.json'), 'utf8')) as GateSummary;
  const junit = (await parse(await readFile(join(dir, 'junit', 'junit.xml'), 'utf8'))) as TestSuites;
  return { summary, junit };
}

/**
 * What must match between two live runs of the same suite: which scenarios ran, which
 * expectations each evaluated, and the JUnit structure. Verdicts of live runs are measurements
 * (recovery times, retry gaps) and are not compared here; exact equality of the whole output,
 * verdicts included, is checked on fixed results in gate-run.test.ts.
 */
function comparable({ summary, junit }: { summary: GateSummary; junit: TestSuites }) {
  return {
    suite: summary.suite,
    missing: summary.missing,
    scenarios: summary.scenarios.map((s) => ({
      id: s.id,
      expectations: s.expectations.map((e) => [e.name, e.kind, e.promise]),
    })),
    junit: junit.testsuite?.map((s) => ({ name: s.name, tests: s.tests, cases: s.testcase?.map((c) => c.name) })),
  };
}

const dirs: AsyncDisposable[] = [];
const newDir = async (): Promise<string> => {
  const dir = await tempDir('chaos-gate-e2e-');
  dirs.push(dir);
  return dir.path;
};
afterAll(async () => {
  for (const dir of dirs) await dir[Symbol.asyncDispose]();
});

describe.sequential('npm run gate on the reference target', () => {
  // The whole default suite (every registered scenario) is checked green by hand before a release
  // (`npm run gate -- --time-scale 10`, README); in CI, next to the other end-to-end files, the
  // `quick` cross-section one at a time, at x5, keeps target time faithful on two cores.
  it('is green on the quick suite, writes JUnit a JUnit parser accepts, and leaves no process behind', {
    timeout: 420_000,
  }, async () => {
    const out = await newDir();
    const run = await runGateCli([
      '--tag',
      'quick',
      '--concurrency',
      '1',
      '--time-scale',
      GREEN_TIME_SCALE,
      '--out',
      out,
    ]);
    const { summary, junit } = await readGateOutput(out);
    expect(summary.suite).toEqual(
      listScenarios()
        .filter((s) => s.tags.includes('quick'))
        .map((s) => s.id)
        .sort(),
    );
    expect(junit.testsuite?.map((s) => s.name)).toEqual(summary.suite);
    for (const testsuite of junit.testsuite ?? []) {
      expect(testsuite.testcase?.length).toBeGreaterThan(0);
      expect(testsuite.tests).toBe(testsuite.testcase?.length);
    }
    expect(run.stdout).toMatch(/^gate: \d+ scenario\(s\) on target reference, 1 at a time/m);
    // Green: every promise of the suite holds on the reference model.
    const failedCases = (junit.testsuite ?? []).flatMap((s) =>
      (s.testcase ?? [])
        .filter((c) => c.failure || c.error)
        .map((c) => `${s.name}: ${(c.failure ?? c.error)![0]!.message}`),
    );
    expect(failedCases).toEqual([]);
    expect(run.code).toBe(0);
    for (const id of summary.suite) checkScenarioResult(JSON.parse(await readFile(join(out, `${id}.json`), 'utf8')));
    // The gate process is gone; anything it started and left would now be an orphan.
    expect(orphanedProcesses()).toEqual([]);
  });

  it('gives the same output from two shards merged as from one unsharded run', { timeout: 300_000 }, async () => {
    const args = ['--scenarios', SHORT_SUITE.join(','), '--time-scale', FAST_TIME_SCALE];
    const whole = await newDir();
    const shards = [await newDir(), await newDir()];
    await runGateCli([...args, '--out', whole]);
    // Like a CI matrix: both shards at once (one scenario each).
    const runs = await Promise.all(
      shards.map((out, i) => runGateCli([...args, '--shard', `${i + 1}/2`, '--out', out])),
    );
    runs.forEach((run, i) => {
      expect(run.stdout).toContain(`(shard ${i + 1}/2 of ${SHORT_SUITE.length})`);
    });
    const merged = await newDir();
    const merge = await runGateCli(['--merge', ...shards, '--out', merged]);
    const mergedOutput = await readGateOutput(merged);
    expect(merge.code).toBe(mergedOutput.summary.exitCode);
    expect(mergedOutput.summary.suite).toEqual([...SHORT_SUITE].sort());
    expect(comparable(mergedOutput)).toEqual(comparable(await readGateOutput(whole)));
  });

  it('exits 1 when a target option breaks a promise, and the JUnit failure names the expectation', {
    timeout: 300_000,
  }, async () => {
    const out = await newDir();
    const run = await runGateCli([
      '--scenarios',
      'auth-failure',
      '--target-option',
      'failure_threshold=1000',
      '--time-scale',
      FAST_TIME_SCALE,
      '--out',
      out,
    ]);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    const { junit, summary } = await readGateOutput(out);
    expect(summary.verdict).toBe('failed');
    const cases = junit.testsuite?.[0]?.testcase ?? [];
    const failed = cases.filter((c) => c.failure);
    const sequence = failed.find((c) => c.name === 'azure-sentinel breaker sequence (exact)');
    expect(sequence, `failed testcases: ${failed.map((c) => c.name).join(', ')}`).toBeDefined();
    expect(sequence!.failure![0]!.message).toMatch(
      /^azure-sentinel breaker sequence \(exact\): expected CLOSED → OPEN → HALF_OPEN → CLOSED, observed /,
    );
    expect(run.stdout).toContain('✘ auth-failure failed: ');
  });
});
