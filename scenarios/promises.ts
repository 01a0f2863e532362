/**
 * The runbook promises the suite can verify. Expectations cite them by id (`promise`), and
 * the pre-release report builds its promise table from this list: a promise no scenario
 * exercised is shown as "not exercised", never silently dropped.
 */
export interface RunbookPromise {
  readonly id: string;
  /** Short statement as the runbook makes it. */
  readonly statement: string;
  /** Where the promise comes from (runbook table / defaults). */
  readonly source: string;
}

export const RUNBOOK_PROMISES: readonly RunbookPromise[] = [
  {
    id: 'breaker-opens-at-threshold',
    statement: 'The azure-sentinel breaker opens after 5 consecutive failures once at least 10 calls were seen.',
    source: 'Circuit breaker defaults: failure_threshold=5, min_calls_before_open=10',
  },
  {
    id: 'breaker-rejects-while-open',
    statement: 'While OPEN, calls are rejected at once and do not reach the service.',
    source: 'Circuit breaker states',
  },
  {
    id: 'breaker-half-open-after-timeout',
    statement: 'The breaker goes HALF_OPEN after the 60 s recovery timeout.',
    source: 'Circuit breaker defaults: recovery_timeout=60',
  },
  {
    id: 'breaker-half-open-call-limit',
    statement: 'At most 3 calls are let through while HALF_OPEN.',
    source: 'Circuit breaker defaults: half_open_max_calls=3',
  },
  {
    id: 'breaker-closes-after-successes',
    statement:
      'The breaker closes after 2 successes in HALF_OPEN once the fault clears, ' +
      'within recovery_timeout plus tolerance.',
    source: 'Circuit breaker defaults: success_threshold=2',
  },
  {
    id: 'rate-limit-retry-after',
    statement: 'Under 429 the connector backs off and honours Retry-After.',
    source: 'Runbook: 429 Too Many Requests',
  },
  {
    id: 'auth-failure-breaker',
    statement:
      'Under 401/403 uploads fail fast, the breaker opens, and ingestion resumes once credentials are restored.',
    source: 'Runbook: 401/403 authentication failures',
  },
  {
    id: 'outage-breaker',
    statement: 'Under 503 the connector retries, then opens the breaker, and recovers when the service returns.',
    source: 'Runbook: 503 Service Unavailable',
  },
  {
    id: 'slow-service-timeout',
    statement: 'A call slower than the 30 s operation timeout counts as a breaker failure.',
    source: 'Runbook: slow services; operation_timeout=30',
  },
  {
    id: 'failed-batches-kept',
    statement: 'Batches that fail are kept as failed-batch files, never dropped.',
    source: 'Runbook: failed batch handling',
  },
  {
    id: 'replay-nothing-lost',
    statement: 'Replaying failed batches delivers every record: nothing is lost.',
    source: 'Runbook: replay-failed',
  },
  {
    id: 'no-duplicates',
    statement: 'Records are delivered once: recovery and replay do not duplicate them.',
    source: 'Runbook: replay-failed',
  },
  {
    id: 'keyvault-cache-while-open',
    statement:
      'While the azure-key-vault breaker is OPEN the last good secret is served from cache, and the breaker recovers.',
    source: 'Runbook: Key Vault unavailable',
  },
  {
    id: 's3-transient-errors-recovered',
    statement: 'Transient S3 network errors are retried; every object is delivered exactly once.',
    source: 'Runbook: S3 errors',
  },
  {
    id: 'records-unaltered',
    statement:
      'Records arrive as they were read: a delivered or replayed record equals its source (declared mappings aside).',
    source: "Runbook: failed batch handling; the connector's own table schema (config/tables.yaml)",
  },
  {
    id: 'failed-calls-accounted',
    statement: 'Every upload that fails is retried to success or kept in a failed-batch file, within 10 s.',
    source: 'Runbook: failed batch handling (failed batches are kept)',
  },
  {
    id: 'replay-archives-only-delivered',
    statement: 'replay-failed archives a failed-batch file only once its records were delivered.',
    source: 'Runbook: failed-batch recovery (replay-failed)',
  },
  {
    id: 'replay-report-truthful',
    statement: "replay-failed's summary and exit code say what was delivered and archived.",
    source: 'Runbook: failed-batch recovery (replay-failed)',
  },
  {
    id: 'oneshot-exit-truthful',
    statement: 'The one-shot ingest command exits non-zero when records were neither delivered nor stored.',
    source: 'CLI: s3-sentinel ingest',
  },
  {
    id: 'steady-state',
    statement:
      'In steady state every new record is delivered exactly once within three poll intervals, ' +
      'before a fault and after recovery.',
    source: 'Runbook: Verification checklist (service requests succeeding)',
  },
  {
    id: 'configuration-honoured',
    statement: 'What the connector is configured with is what it uses: failed batches go to the configured directory.',
    source: 'CLI: --failed-batches-dir; runbook: failed-batch recovery (replay-failed reads that directory)',
  },
  {
    id: 'verification-checklist',
    statement:
      'After recovery: the breaker is CLOSED, service requests succeed, and queued failed batches are processed.',
    source: 'Circuit breaker recovery runbook: Verification checklist',
  },
  {
    id: 'service-breakers',
    statement: 'Every service the connector names as breaker-protected (S3, Sentinel, Key Vault) has a breaker.',
    source: 'Runbook Steps 1–2; connector README ("protects S3, Sentinel, and Key Vault calls")',
  },
  {
    id: 'half-open-relapse',
    statement:
      'When HALF_OPEN probes fail, the breaker re-opens (logged HALF_OPEN → OPEN), waits the recovery timeout ' +
      'again and closes once the service answers; each HALF_OPEN window lets at most half_open_max_calls through.',
    source: "Runbook: When Circuit Won't Close; half_open_max_calls=3",
  },
  {
    id: 'flapping-bounded',
    statement:
      'Under intermittent failures the breaker re-opens at most once per recovery timeout, and nothing is lost.',
    source: 'Runbook: Escalation ("If circuit keeps reopening")',
  },
  {
    id: 'restart-resets-breaker',
    statement: 'A restart resets the breaker to CLOSED and keeps the queued failed batches, which are then processed.',
    source: 'Runbook Step 4 Option A (kubectl rollout restart)',
  },
  {
    id: 'breaker-config-honoured',
    statement:
      'A custom CircuitBreakerConfig (e.g. recovery_timeout=300, failure_threshold=10) is what the breaker does.',
    source: 'Runbook Step 4 Option B',
  },
  {
    id: 's3-errors-handled',
    statement:
      'S3 throttling is retried as the SDK does, and no object is marked done while it could not be read: ' +
      'its records arrive once access returns.',
    source: 'Runbook Step 5: S3 Throttling (503), S3 Permission denied',
  },
  {
    id: 'keyvault-rate-limit',
    statement:
      'Under Key Vault 429 the connector backs off as told, serves the cached secret, and its breaker recovers.',
    source: 'Runbook Step 5: Key Vault rate limiting',
  },
  {
    id: 'alert-when-open',
    statement: 'When a breaker opens, an alert "Circuit breaker OPEN for [service-name]" fires.',
    source: 'Circuit breaker recovery runbook: When to Use',
  },
  {
    id: 'alerts-cleared',
    statement: 'After recovery the monitoring alerts are cleared.',
    source: 'Circuit breaker recovery runbook: Verification checklist (monitoring alerts cleared)',
  },
  {
    id: 'alert-rules-watch-real-series',
    statement: 'The shipped alert rules watch series the connector actually exposes, so they can fire.',
    source: 'Deployment: Prometheus rules and PrometheusRule manifests; /metrics',
  },
  {
    id: 'ready-reflects-breaker',
    statement: 'While a breaker is OPEN, /ready does not report the connector ready.',
    source: 'Runbook: readiness the deployment probes (/ready) while waiting for recovery',
  },
  {
    id: 'failed-batch-gauge-truthful',
    statement: 'The failed-batch gauge equals the failed-batch files waiting on disk.',
    source: 'Monitoring dashboards; /metrics s3_sentinel_failed_batch_files',
  },
];

export function getPromise(id: string): RunbookPromise | undefined {
  return RUNBOOK_PROMISES.find((p) => p.id === id);
}
