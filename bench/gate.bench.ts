/**
 * The whole default gate on the reference target at x10, as CI or a release engineer runs it
 * (`npm run gate -- --time-scale 10`, in a child process). Target: at most 4 minutes of wall time
 * on the 2-core machine.
 *
 * Per scenario it prints the wall time and that wall time over the scenario's own target-time
 * span divided by the scale (the ideal wall time: what the run would take with zero start-up,
 * teardown and evaluation cost), both measured in this run. The summary sets the gate's wall time
 * against the sum of its scenarios' wall times, the serial baseline measured in the same run,
 * which shows what running `--concurrency` scenarios at a time buys.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScenarioResultFile } from '../harness/result/result-schema.js';
import type { GateSummary } from '../reports/summary/gate-summary.js';
import type { BenchResult, BenchRow } from './bench-result.js';

const TIME_SCALE = 10;
const TARGET_WALL_MS = 4 * 60_000;
const root = fileURLToPath(new URL('../', import.meta.url));

/** Runs the gate as CI does; its per-scenario result lines (✔/✘) are echoed as progress. */
function runGate(outDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'cli/gate.ts', '--time-scale', String(TIME_SCALE), '--out', outDir],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (/^(✔|✘|gate:)/.test(line)) console.error(`  [bench gate] ${line}`);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const seconds = (ms: number, digits = 1): string => (ms / 1_000).toFixed(digits);

/** The scenario's target-time span: its last sample, or its last step when it has no samples. */
function targetSpanMs(result: ScenarioResultFile): number {
  const lastSample = result.samples[result.samples.length - 1]?.atMs ?? 0;
  const lastStep = Math.max(0, ...(result.steps ?? []).map((s) => s.completedAtMs ?? s.startedAtMs));
  return Math.max(lastSample, lastStep);
}

export async function run(): Promise<BenchResult> {
  const outDir = await mkdtemp(join(tmpdir(), 'chaos-bench-gate-'));
  const loadBefore = loadavg()[0] ?? 0;
  try {
    const startedAt = performance.now();
    const gate = await runGate(outDir);
    const wallMs = performance.now() - startedAt;
    let summary: GateSummary;
    try {
      summary = JSON.parse(await readFile(join(outDir, 'json', 'summary.json'), 'utf8')) as GateSummary;
    } catch {
      return {
        title: 'gate (default suite, reference, x10)',
        rows: [],
        skipped: `gate wrote no summary (exit ${gate.code}): ${gate.stderr.slice(-500)}`,
      };
    }
    const concurrency = /(\d+) at a time/.exec(gate.stdout)?.[1] ?? '?';
    const rows: BenchRow[] = [];
    let serialMs = 0;
    for (const scenario of summary.scenarios) {
      const result = JSON.parse(await readFile(join(outDir, `${scenario.id}.json`), 'utf8')) as ScenarioResultFile;
      const idealMs = targetSpanMs(result) / TIME_SCALE;
      serialMs += scenario.durationMs;
      rows.push({
        name: scenario.id,
        note: [
          `wall ${seconds(scenario.durationMs)} s`,
          `target span ${seconds(idealMs * TIME_SCALE, 0)} s (ideal ${seconds(idealMs)} s)`,
          `${(scenario.durationMs / idealMs).toFixed(2)}× ideal`,
          scenario.verdict,
        ].join(' · '),
      });
    }
    const met = wallMs <= TARGET_WALL_MS ? 'met' : 'MISSED';
    return {
      title: `gate (default suite of ${summary.suite.length}, reference, x${TIME_SCALE}, ${concurrency} at a time)`,
      rows,
      summary: [
        `gate wall time ${seconds(wallMs)} s (target ≤ ${seconds(TARGET_WALL_MS, 0)} s: ${met}); exit ${gate.code}, ` +
          `${summary.totals.passed}/${summary.totals.scenarios} scenarios passed`,
        `serial baseline (sum of scenario wall times, this run) ${(serialMs / 1_000).toFixed(1)} s: ` +
          `the gate took ${(wallMs / serialMs).toFixed(2)}× of it at ${concurrency} at a time`,
        `load average ${loadBefore.toFixed(1)} at start, ${(loadavg()[0] ?? 0).toFixed(1)} at end`,
      ],
    };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
