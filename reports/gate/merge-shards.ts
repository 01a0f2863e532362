import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ScenarioResultFile } from '../../harness/result/result-schema.js';
import { renderFindingsText } from '../findings/render-findings.js';
import { GateUsageError } from '../report-error.js';
import { loadResultFiles, sortResults } from '../results/load-result-files.js';
import { buildGateSummary, type GateSummary } from '../summary/gate-summary.js';
import { writeReports } from '../writers/registry.js';

export interface MergeShardsOptions {
  /** Shard out dirs (each holding `<id>.json` files and, normally, `json/summary.json`). */
  readonly dirs: readonly string[];
  readonly outDir: string;
  readonly harnessVersion: string;
  readonly onProgress?: (line: string) => void;
  readonly now?: () => Date;
}

export interface MergeOutcome {
  readonly summary: GateSummary;
  readonly exitCode: GateSummary['exitCode'];
  readonly results: readonly ScenarioResultFile[];
  readonly written: readonly string[];
}

async function readShardSuite(dir: string): Promise<readonly string[] | undefined> {
  try {
    const summary = JSON.parse(await readFile(join(dir, 'json', 'summary.json'), 'utf8')) as Partial<GateSummary>;
    return summary.shard?.fullSuite ?? summary.suite;
  } catch {
    return undefined;
  }
}

/**
 * Merges shard outputs into one gate result in `outDir`: result files copied over, then the
 * same json and junit writers as an unsharded run, so the merged output equals the unsharded
 * one (timestamps aside). The expected suite comes from the shards' summaries: a scenario a
 * shard was meant to run but whose result is absent (lost artifact) is reported as missing,
 * which makes the exit code 2.
 * @example await mergeShardOutputs({ dirs: ['shard-1', 'shard-2'], outDir: 'merged', harnessVersion });
 */
export async function mergeShardOutputs(options: MergeShardsOptions): Promise<MergeOutcome> {
  const progress = options.onProgress ?? (() => {});
  await mkdir(options.outDir, { recursive: true });
  const byId = new Map<string, { result: ScenarioResultFile; dir: string }>();
  const suite = new Set<string>();
  for (const dir of options.dirs) {
    const results = await loadResultFiles(dir);
    const shardSuite = await readShardSuite(dir);
    const unchecked = shardSuite ? '' : ' (no json/summary.json: cannot check for missing scenarios)';
    progress(`merge: ${dir}: ${results.length} result(s)${unchecked}`);
    for (const id of shardSuite ?? []) suite.add(id);
    for (const result of results) {
      const previous = byId.get(result.scenario);
      if (previous) {
        throw new GateUsageError(
          `Failed to merge shards: scenario ${result.scenario} has results in both ${previous.dir} and ${dir}. ` +
            'Merge the outputs of one sharded run, each shard once.',
        );
      }
      byId.set(result.scenario, { result, dir });
      suite.add(result.scenario);
      // Rewritten rather than copied: the source file may be named differently from its id.
      if (resolve(dir) !== resolve(options.outDir))
        await writeFile(join(options.outDir, `${result.scenario}.json`), `${JSON.stringify(result, null, 2)}\n`);
    }
  }
  const results = sortResults([...byId.values()].map((v) => v.result));
  const input = {
    results,
    outDir: options.outDir,
    harnessVersion: options.harnessVersion,
    generatedAt: (options.now ?? (() => new Date()))(),
    suite: [...suite],
  };
  const written = await writeReports(input, ['json', 'junit']);
  const summary = buildGateSummary(input);
  const t = summary.totals;
  const missing = t.missing ? `, missing: ${summary.missing.join(', ')}` : '';
  const counts = `${t.passed} passed, ${t.failed} failed, ${t.errored} errored${missing}`;
  for (const line of renderFindingsText(summary.findings)) progress(`merge: ${line}`);
  progress(`merge: ${counts} → exit ${summary.exitCode}`);
  for (const path of written) progress(`merge: wrote ${path}`);
  return { summary, exitCode: summary.exitCode, results, written };
}
