/** Phase "write result": the result file `<outDir>/<id>.json`, and the verdict table on the console. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResultArtifacts, ScenarioResultFile } from '../../result/result-schema.js';
import { buildResult } from '../build-result.js';
import { formatVerdictTable } from '../progress.js';
import type { RunContext } from '../run-context.js';
import { readHarnessVersion } from '../versions.js';
import type { Evaluation } from './evaluate.js';
import type { PhasesOutcome } from './outcome.js';

export async function writeResultPhase(
  ctx: RunContext,
  outcome: PhasesOutcome,
  evaluation: Evaluation,
  artifacts: ResultArtifacts | null,
): Promise<ScenarioResultFile> {
  const { options, scenario } = ctx;
  const prepared = outcome.verdict === 'not_applicable' ? undefined : outcome.prepared;
  const result = buildResult({
    scenario,
    target: prepared?.name ?? ctx.target.name,
    verdict: evaluation.verdict,
    ...(evaluation.error !== undefined ? { error: evaluation.error } : {}),
    startedAt: ctx.startedAt,
    durationMs: Date.now() - ctx.startedAt.getTime(),
    timeScale: options.timeScale,
    seed: options.seed,
    shims: options.shims,
    ...(prepared?.replicas !== undefined ? { replicas: prepared.replicas } : {}),
    ...(outcome.verdict === 'failed' ? { assistance: outcome.productFailure.assistance } : {}),
    targetOptions: ctx.targetOptions,
    versions: {
      harness: await readHarnessVersion(),
      target: prepared?.versions.target ?? (outcome.verdict === 'failed' ? outcome.productFailure.targetVersions : {}),
      sdks: prepared?.versions.sdks ?? {},
    },
    expectations: evaluation.expectations,
    ctx: evaluation.ctx,
    samples: ctx.samples,
    ...(artifacts ? { artifacts } : {}),
  });
  await mkdir(options.outDir, { recursive: true });
  await writeFile(join(options.outDir, `${scenario.id}.json`), `${JSON.stringify(result, null, 2)}\n`);
  ctx.progress(formatVerdictTable(result, ctx.shimsBanner ? { banner: ctx.shimsBanner } : {}));
  return result;
}
