/**
 * What the reference exposes on /metrics: the real connector's `s3_sentinel_*` series (§2.3)
 * plus what the runbook says an operator can see: breaker state per service, delivered, failed
 * and rejected records, and the secret cache.
 */
import type { BreakerState } from '../../domain/breaker.js';

export const BREAKER_STATE_VALUE: Record<BreakerState, number> = { CLOSED: 0, OPEN: 1, HALF_OPEN: 2 };

export class PipelineMetrics {
  readonly createdSeconds = Date.now() / 1_000;
  cycles = 0;
  processedFiles = 0;
  failedFiles = 0;
  lastCycleDurationSeconds = 0;
  ready = false;
  lastSuccessTime: string | null = null;
  lastError: string | null = null;
  deliveredRecords = 0;
  /** Records written to a failed-batch file. */
  failedRecords = 0;
  /** Records that could not be parsed, each logged with its reason. */
  rejectedRecords = 0;
  /** Records lost on purpose by a test knob (drop_failed_batches, skip_store_on_timeout); never otherwise. */
  droppedRecords = 0;
  /** Records held in memory because their failed batch could not be stored (not ready while > 0). */
  unstoredRecords = 0;
  failedBatches = 0;
  deliveredBatches = 0;
  readonly breakerStates = new Map<string, BreakerState>();
  readonly secretOutcomes = { fetched: 0, cached: 0, failed: 0 };
  secretCached = false;
}

interface Series {
  readonly name: string;
  readonly type: 'counter' | 'gauge';
  readonly help: string;
  readonly samples: readonly { readonly labels?: Record<string, string>; readonly value: number }[];
}

const labelText = (labels?: Record<string, string>): string =>
  labels === undefined
    ? ''
    : `{${Object.entries(labels)
        .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '\\$&')}"`)
        .join(',')}}`;

/** Prometheus text exposition format 0.0.4. */
export function renderMetrics(
  m: PipelineMetrics,
  failedBatchGauges: { files: number; oldestAgeSeconds: number },
): string {
  const counter = (name: string, help: string, value: number): Series[] => [
    { name, type: 'counter', help, samples: [{ value }] },
    { name: name.replace(/_total$/, '_created'), type: 'gauge', help, samples: [{ value: m.createdSeconds }] },
  ];
  const series: Series[] = [
    ...counter('s3_sentinel_pipeline_cycles_total', 'Pipeline cycles started', m.cycles),
    ...counter('s3_sentinel_processed_files_total', 'S3 objects downloaded and parsed', m.processedFiles),
    ...counter('s3_sentinel_failed_files_total', 'S3 objects that could not be downloaded', m.failedFiles),
    {
      name: 's3_sentinel_last_cycle_duration_seconds',
      type: 'gauge',
      help: 'Duration of the last cycle',
      samples: [{ value: m.lastCycleDurationSeconds }],
    },
    {
      name: 's3_sentinel_ready',
      type: 'gauge',
      help: '1 after the last cycle succeeded and while no failed batch is held unstored',
      samples: [{ value: m.ready && m.unstoredRecords === 0 ? 1 : 0 }],
    },
    {
      name: 's3_sentinel_unstored_records',
      type: 'gauge',
      help: 'Records held in memory because their failed batch could not be stored',
      samples: [{ value: m.unstoredRecords }],
    },
    {
      name: 's3_sentinel_failed_batch_files',
      type: 'gauge',
      help: 'Failed-batch files waiting for replay',
      samples: [{ value: failedBatchGauges.files }],
    },
    {
      name: 's3_sentinel_failed_batch_oldest_age_seconds',
      type: 'gauge',
      help: 'Age of the oldest waiting failed-batch file',
      samples: [{ value: failedBatchGauges.oldestAgeSeconds }],
    },
    {
      name: 's3_sentinel_circuit_breaker_state',
      type: 'gauge',
      help: 'Breaker state: 0 closed, 1 open, 2 half-open',
      samples: [...m.breakerStates].map(([breaker, state]) => ({
        labels: { breaker },
        value: BREAKER_STATE_VALUE[state],
      })),
    },
    {
      name: 's3_sentinel_delivered_records_total',
      type: 'counter',
      help: 'Records accepted by Sentinel',
      samples: [{ value: m.deliveredRecords }],
    },
    {
      name: 's3_sentinel_failed_records_total',
      type: 'counter',
      help: 'Records written to failed-batch files',
      samples: [{ value: m.failedRecords }],
    },
    {
      name: 's3_sentinel_rejected_records_total',
      type: 'counter',
      help: 'Malformed records rejected with a logged reason',
      samples: [{ value: m.rejectedRecords }],
    },
    {
      name: 's3_sentinel_dropped_records_total',
      type: 'counter',
      help: 'Records dropped by a test knob (drop_failed_batches, skip_store_on_timeout)',
      samples: [{ value: m.droppedRecords }],
    },
    {
      name: 's3_sentinel_delivered_batches_total',
      type: 'counter',
      help: 'Batches accepted by Sentinel',
      samples: [{ value: m.deliveredBatches }],
    },
    {
      name: 's3_sentinel_failed_batches_total',
      type: 'counter',
      help: 'Batches that failed (stored for replay)',
      samples: [{ value: m.failedBatches }],
    },
    {
      name: 's3_sentinel_secret_refreshes_total',
      type: 'counter',
      help: 'Key Vault secret refreshes by outcome',
      samples: Object.entries(m.secretOutcomes).map(([outcome, value]) => ({ labels: { outcome }, value })),
    },
    {
      name: 's3_sentinel_secret_cached',
      type: 'gauge',
      help: '1 when a secret value is cached',
      samples: [{ value: m.secretCached ? 1 : 0 }],
    },
  ];
  const lines: string[] = [];
  for (const s of series) {
    lines.push(`# HELP ${s.name} ${s.help}`, `# TYPE ${s.name} ${s.type}`);
    for (const sample of s.samples) lines.push(`${s.name}${labelText(sample.labels)} ${sample.value}`);
  }
  return `${lines.join('\n')}\n`;
}
