/**
 * The parts `run` and `ingest` are built from: what every command shares (made once by
 * runReference), the pipeline with its router and test knobs, and the Key Vault secret cache.
 */
import type { TokenCredential } from '@azure/identity';
import type { BreakerConfig } from '../target.js';
import { createSecretClient, type UploadFn } from './azure-clients.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { FailedBatchStore } from './failed-batch-store.js';
import { BreakerGuardedSource, S3_BREAKER } from './guarded-source.js';
import type { PipelineMetrics } from './metrics.js';
import { Pipeline } from './pipeline.js';
import { ProgressStore } from './progress-store.js';
import type { ReferenceConfig } from './reference-config.js';
import { type ReferenceRuntime, requiredEnv } from './reference-runtime.js';
import type { S3Source } from './s3-source.js';
import { SecretCache } from './secret-cache.js';
import type { ShutdownSignals } from './shutdown-signals.js';

/** What every command shares, built once by runReference. */
export interface ReferenceParts {
  readonly metrics: PipelineMetrics;
  readonly credential: TokenCredential;
  readonly upload: UploadFn;
  readonly store: FailedBatchStore;
  readonly signals: ShutdownSignals;
  readonly makeBreaker: (name: string, config?: BreakerConfig) => CircuitBreaker;
}

export function createSecretCache(
  config: ReferenceConfig,
  runtime: ReferenceRuntime,
  parts: ReferenceParts,
): SecretCache {
  const { metrics } = parts;
  const client = createSecretClient(requiredEnv(runtime.env, 'KEY_VAULT_URL'), parts.credential);
  const secrets: SecretCache = new SecretCache({
    name: config.secretName,
    fetch: async (name, signal) => (await client.getSecret(name, { abortSignal: signal })).value,
    breaker: parts.makeBreaker('azure-key-vault', config.keyVaultBreaker),
    clock: runtime.clock,
    log: runtime.log,
    onOutcome: (outcome) => {
      metrics.secretOutcomes[outcome] += 1;
      metrics.secretCached = secrets.value !== undefined;
    },
  });
  return secrets;
}

export function createPipeline(
  config: ReferenceConfig,
  runtime: ReferenceRuntime,
  parts: ReferenceParts,
  s3: S3Source,
): Pipeline {
  const { clock, log } = runtime;
  const { metrics, signals } = parts;
  const faults = config.faultsForTesting;
  return new Pipeline({
    bucket: config.bucket,
    prefix: config.prefix,
    batchSize: config.batchSize,
    s3: faults.noS3Breaker === true ? s3 : new BreakerGuardedSource(s3, parts.makeBreaker(S3_BREAKER)),
    progress: new ProgressStore(config.stateDir),
    ignoreProgress: faults.ignoreProgress === true,
    skipUnreadableObjects: faults.skipUnreadableObjects === true,
    parse: { wholeObject: faults.wholeObjectRecord === true, omitColumn: faults.dropColumn },
    clock,
    log,
    metrics,
    router: {
      breaker: parts.makeBreaker('azure-sentinel'),
      upload: parts.upload,
      store: parts.store,
      clock,
      log,
      metrics,
      shutdownSignal: signals.shutdown.signal,
      dropFailedBatches: faults.dropFailedBatches === true,
      skipStoreOnTimeout: faults.skipStoreOnTimeout === true,
      unstorable: {
        drop: faults.dropUnstorableBatches === true,
        logRecords: faults.logRecordsOnStoreFailure === true,
      },
    },
    stopSignal: signals.stop.signal,
  });
}
