/**
 * The gate run:
 *
 *   suite (all, --tag or --scenarios) ─▶ shard i/n ─▶ pool(concurrency) ─▶ runScenario ×N
 *        ─▶ <out>/<id>.json (engine) ─▶ json + junit writers ─▶ exit code 0 | 1 | 2
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScenarioResultFile } from '../../harness/result/result-schema.js';
import { renderFindingsText } from '../findings/render-findings.js';
import { resolveSuite, type SuiteSelection } from '../gate-suite.js';
import { buildErroredResult } from '../results/errored-result.js';
import { sortResults } from '../results/load-result-files.js';
import { buildGateSummary, type GateSummary } from '../summary/gate-summary.js';
import { writeReports } from '../writers/registry.js';
import type { GateEngine, GateRunOptions } from './gate-engine.js';
import { runPool } from './run-pool.js';
import { type ShardSpec, selectShard } from './shard.js';
import { defaultConcurrencyFor } from './target-concurrency.js';

export interface GateOptions {
  readonly engine: GateEngine;
  /** From parseRunOptions: target, time scale, seed, out dir… */
  readonly run: GateRunOptions;
  readonly scenarios?: readonly string[];
  /** Run the scenarios carrying any of these tags. */
  readonly tags?: readonly string[];
  readonly shard?: ShardSpec;
  readonly concurrency?: number;
  readonly harnessVersion: string;
  readonly onProgress?: (line: string) => void;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

export interface GateOutcome {
  readonly summary: GateSummary;
  readonly exitCode: GateSummary['exitCode'];
  readonly results: readonly ScenarioResultFile[];
  /** JUnit and summary paths. */
  readonly written: readonly string[];
}

/** The ids the gate will run (before sharding), checked against the registry. */
export function resolveGateSuite(engine: Pick<GateEngine, 'listScenarios'>, selection: SuiteSelection = {}): string[] {
  return resolveSuite(engine.listScenarios(), selection);
}

/**
 * Progress line of a finished scenario: ✘ when an expectation failed (even if the run then
 * errored), ⚠ for an error alone.
 */
function describeOutcome(result: ScenarioResultFile): string {
  const failed = result.expectations.filter((e) => !e.passed).map((e) => e.name);
  const parts = [
    ...(failed.length > 0 ? [`failed: ${failed.join('; ')}`] : []),
    ...(result.verdict === 'error' ? [`error: ${result.error ?? 'no message'}`] : []),
  ];
  if (result.verdict === 'not_applicable') return `○ ${result.scenario} not applicable: ${result.error ?? ''}`;
  const symbol = failed.length > 0 ? '✘' : result.verdict === 'error' ? '⚠' : '✔';
  return `${symbol} ${result.scenario} ${parts.join('; ') || result.verdict}`;
}

/**
 * Runs the gate suite (or one shard of it) and writes `<out>/junit/junit.xml` and
 * `<out>/json/summary.json` next to the engine's `<out>/<id>.json` result files.
 * @example const { exitCode } = await runGate({ engine: await loadHarnessEngine(), run: options, harnessVersion });
 */
export async function runGate(options: GateOptions): Promise<GateOutcome> {
  const progress = options.onProgress ?? (() => {});
  const now = options.now ?? (() => new Date());
  const { engine, run } = options;
  const suite = resolveGateSuite(engine, {
    ...(options.scenarios ? { scenarios: options.scenarios } : {}),
    ...(options.tags ? { tags: options.tags } : {}),
  });
  const selected = options.shard ? selectShard(suite, options.shard) : suite;
  const parallelSafe = await engine.isParallelSafe(run);
  const concurrency = parallelSafe ? (options.concurrency ?? defaultConcurrencyFor(parallelSafe)) : 1;
  if (!parallelSafe && (options.concurrency ?? 1) > 1)
    progress(
      `gate: target ${run.target} binds fixed ports; running serially despite --concurrency ${options.concurrency}`,
    );
  await mkdir(run.outDir, { recursive: true });
  const shardText = options.shard ? ` (shard ${options.shard.index}/${options.shard.count} of ${suite.length})` : '';
  progress(
    `gate: ${selected.length} scenario(s)${shardText} on target ${run.target}, ${concurrency} at a time, ` +
      `time scale ×${run.timeScale}, seed ${run.seed}, out ${run.outDir}`,
  );
  progress(`gate: ${selected.join(', ') || '(nothing to run in this shard)'}`);

  let done = 0;
  const settled = await runPool(selected, concurrency, async (id) => {
    const scenario = engine.getScenario(id);
    // The suite was checked for unknown ids before anything ran.
    if (!scenario) throw new Error(`Failed to run ${id}: no scenario with that id is registered.`);
    const startedAt = now();
    const started = Date.now();
    progress(`▶ ${id}: ${scenario.title}`);
    try {
      const result = await engine.runScenario(scenario, {
        ...run,
        onProgress: (text) => {
          // The engine's verdict table arrives as one multi-line string: prefix every line so
          // interleaved scenarios stay apart.
          for (const line of text.split('\n')) if (line.trim() !== '') progress(`  [${id}] ${line}`);
        },
      });
      done++;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      progress(`${describeOutcome(result)} (${seconds} s wall, ${done}/${selected.length})`);
      return result;
    } catch (error) {
      done++;
      const message = error instanceof Error ? error.message : String(error);
      progress(`⚠ ${id} error: ${message} (${done}/${selected.length})`);
      const result = buildErroredResult({
        scenario,
        target: run.target,
        error: message,
        startedAt,
        durationMs: Date.now() - started,
        timeScale: run.timeScale,
        seed: run.seed,
        shims: run.shims,
        targetOptions: run.targetOptions,
        harnessVersion: options.harnessVersion,
      });
      // The engine writes result files itself; it did not get that far, so the gate does.
      await writeFile(join(run.outDir, `${id}.json`), `${JSON.stringify(result, null, 2)}\n`);
      return result;
    }
  });
  const results = sortResults(
    settled.map((s) =>
      s.status === 'fulfilled'
        ? s.value
        : (() => {
            throw s.reason;
          })(),
    ),
  );
  const input = {
    results,
    outDir: run.outDir,
    harnessVersion: options.harnessVersion,
    generatedAt: now(),
    suite: selected,
    ...(options.shard ? { shard: { ...options.shard, fullSuite: suite } } : {}),
  };
  const written = await writeReports(input, ['json', 'junit']);
  const summary = buildGateSummary(input);
  for (const line of renderFindingsText(summary.findings)) progress(`gate: ${line}`);
  const t = summary.totals;
  const missing = t.missing ? `, ${t.missing} missing` : '';
  const na = t.notApplicable ? `, ${t.notApplicable} not applicable` : '';
  progress(
    `gate: ${t.passed} passed, ${t.failed} failed, ${t.errored} errored${na}${missing} → exit ${summary.exitCode}`,
  );
  for (const path of written) progress(`gate: wrote ${path}`);
  return { summary, exitCode: summary.exitCode, results, written };
}
