/** Phase "prepare target": a scratch working directory and the target made ready to launch. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAlertRules } from '../../alerts/load-alert-rules.js';
import { RUNBOOK_BREAKER_DEFAULTS } from '../../domain/breaker.js';
import { endpointLabel } from '../../domain/replica.js';
import { ChaosError, describeError, InfrastructureError, UsageError } from '../../errors.js';
import type { TargetContext } from '../../targets/target.js';
import { RUN_BUCKET, RUN_PREFIX, RUN_RULE_ID, RUN_SECRET_NAME, RUN_STREAM } from '../run-constants.js';
import type { WithFakes, WithTarget } from '../run-context.js';
import { DEFAULT_SCRAPE_INTERVAL_MS } from '../run-options.js';

const DEFAULT_POLL_INTERVAL_MS = 1_000;

export async function prepareTargetPhase(ctx: WithFakes): Promise<WithTarget> {
  const { session, scenario, options, target } = ctx;
  const workDir = await mkdtemp(join(tmpdir(), `chaos-${scenario.id}-`));
  session.defer(`work dir ${workDir}`, () => rm(workDir, { recursive: true, force: true }));
  const context: TargetContext = {
    workDir,
    fakesEnv: ctx.fakesEnv,
    endpoints: ctx.endpoints,
    bucket: RUN_BUCKET,
    prefix: RUN_PREFIX,
    ruleId: RUN_RULE_ID,
    stream: RUN_STREAM,
    secretName: RUN_SECRET_NAME,
    timeScale: options.timeScale,
    seed: options.seed,
    options: ctx.targetOptions,
    shims: options.shims,
    pollIntervalMs: scenario.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
    breakerConfig: { ...RUNBOOK_BREAKER_DEFAULTS, ...scenario.breakerConfig },
    sentinelEndpointFor: (command, replica) =>
      `${ctx.endpoints.sentinel.replace(/\/$/, '')}/~${endpointLabel(command, replica)}`,
    ...(options.replicas !== undefined ? { replicas: options.replicas } : {}),
    signal: session.signal,
  };
  const prepared = await target.prepare(context).catch((error: unknown) => {
    if (error instanceof ChaosError) throw error;
    throw new InfrastructureError(`Failed to prepare target "${target.name}": ${describeError(error)}`, {
      cause: error,
    });
  });
  session.add('prepared target', prepared, (p) => p[Symbol.asyncDispose]());
  const runs = prepared.replicas ?? 1;
  if (options.replicas !== undefined && options.replicas !== runs)
    throw new UsageError(
      `Failed to run ${options.replicas} replicas: target "${target.name}" runs ${runs}. ` +
        'Drop --replicas, or use a target that runs replicas (--target container).',
    );
  ctx.bus.emit({
    type: 'target:prepared',
    target: prepared.name,
    schema: prepared.recordSchema,
    breakerConfig: prepared.breakerConfig,
    pollIntervalMs: context.pollIntervalMs,
    breakerServices: prepared.breakerServices,
    assistance: prepared.assistance,
    failedBatchesDir: prepared.failedBatchesDir,
  });
  // Before anything launches: a malformed rule file is a usage error (exit 2) naming it.
  const rulesDir = join(workDir, 'alert-rules');
  const ruleLoad = await loadAlertRules(options.alertRules ?? prepared.alertRuleFiles ?? [], rulesDir);
  ctx.bus.emit({
    type: 'alerts:loaded',
    sources: ruleLoad.sources,
    rules: ruleLoad.rules,
    intervalMs: options.scrapeIntervalMs ?? DEFAULT_SCRAPE_INTERVAL_MS,
    workDir: rulesDir,
  });
  return { ...ctx, prepared };
}
