/**
 * Runbook row "Key Vault unavailable" (promise `keyvault-cache-while-open`), caused at the HTTP
 * layer: every Key Vault request gets 503 Service Unavailable (Retry-After: 1 s) while the
 * connector refreshes its secret every 2 s, until the azure-key-vault breaker opens; then the
 * vault answers again. The breaker stays OPEN for its recovery timeout and the cached secret
 * must be served meanwhile; then it must recover.
 *
 *   t=0 start ─ refreshes every 2 s ─ 25 s vault 503 ─ … 5 failures → OPEN → vault returns
 *       ─ (recovery_timeout 60 s, cache served) ─ HALF_OPEN ─ 2 refreshes ─ CLOSED ─ stop
 *
 * @note On the python target the CLI never reads Key Vault; `secret_refresh_ms` makes the target
 * run our driver (python/driver/connector_driver.py), which calls the connector's own
 * `CredentialManager.get_credential` through its real azure-key-vault breaker. The reference
 * target refreshes through its own breaker. Retry-After keeps the SDKs' retry waits in target
 * time, so the scenario behaves alike at every --time-scale. Ingestion is not this scenario's
 * subject (no ledger expectation): Sentinel and S3 stay healthy throughout.
 */
import { RUNBOOK_BREAKER_DEFAULTS } from '../harness/domain/index.js';
import { defineScenario } from '../harness/scenario/define-scenario.js';
import { arrivalsEvery } from './shared/arrivals.js';
import { FIRST_ARRIVAL_MS, RECORDS_UNALTERED } from './shared/integrity.js';

const KEY_VAULT_BREAKER = 'azure-key-vault';
const RECOVERY_TIMEOUT_MS = RUNBOOK_BREAKER_DEFAULTS.recovery_timeout * 1_000;
const SECRET_REFRESH_MS = 2_000;
/** Past the expected recovery (~25 s + opening + 60 s + closing), so fresh records arrive after it. */
const LAST_ARRIVAL_MS = 170_000;
/** Stated tolerance around the recovery timeout (as the Sentinel breaker scenarios state it). */
const RECOVERY_TOLERANCE_MS = 15_000;
const RECOVERY_EARLY_TOLERANCE_MS = 2_000;

export default defineScenario({
  id: 'keyvault-outage',
  title: 'Key Vault returns 503, then comes back',
  description:
    'Every Key Vault request gets 503 Service Unavailable (Retry-After: 1 s) ' +
    'while the connector refreshes its secret every 2 s. ' +
    'The azure-key-vault breaker must open at the runbook thresholds, ' +
    'the last good secret must be served from cache while it is OPEN (no request reaches Key Vault then), ' +
    'and the breaker must go HALF_OPEN after its recovery timeout and close once the vault answers again.',
  tags: ['keyvault', 'breaker'],
  runbookRow:
    'Runbook › Troubleshooting › "Key Vault unavailable": ' +
    'secret reads go through the azure-key-vault breaker (5 consecutive failures, min 10 calls); ' +
    'while it is OPEN the cached secret is used, and the breaker recovers ' +
    '(HALF_OPEN after recovery_timeout 60 s, CLOSED after 2 successes) once Key Vault answers.',
  // Records keep arriving: the steady state is checked before the outage and after recovery.
  seed: { records: 5, arrivals: arrivalsEvery(2_000, { fromMs: FIRST_ARRIVAL_MS, toMs: LAST_ARRIVAL_MS }) },
  pollIntervalMs: 1_000,
  targetOptions: { secret_refresh_ms: String(SECRET_REFRESH_MS) },
  deadlineMs: 300_000,
  steps: [
    // 25 s of healthy refreshes: more than min_calls_before_open (10) calls before the outage.
    {
      atMs: 25_000,
      name: 'vault-down',
      action: {
        kind: 'inject',
        fault: {
          id: 'keyvault-503',
          description: 'Key Vault (every operation) → 503, Retry-After 1 s',
          target: { service: 'keyvault' },
          effect: { kind: 'http_error', status: 503, retryAfterSeconds: 1 },
        },
      },
    },
    {
      when: { kind: 'breaker_state', breaker: KEY_VAULT_BREAKER, state: 'OPEN' },
      timeoutMs: 150_000,
      name: 'vault-returns',
      action: { kind: 'clear', faultId: 'keyvault-503' },
    },
    {
      atMs: 0,
      name: 'half-open',
      action: {
        kind: 'wait',
        until: { kind: 'breaker_state', breaker: KEY_VAULT_BREAKER, state: 'HALF_OPEN' },
        timeoutMs: RECOVERY_TIMEOUT_MS + 30_000,
      },
    },
    {
      atMs: 0,
      name: 'closed',
      action: {
        kind: 'wait',
        until: { kind: 'breaker_state', breaker: KEY_VAULT_BREAKER, state: 'CLOSED' },
        timeoutMs: 30_000,
      },
    },
    {
      atMs: LAST_ARRIVAL_MS + 5_000,
      name: 'drain',
      action: { kind: 'wait', until: { kind: 'all_seeded_delivered' }, timeoutMs: 30_000 },
    },
    { atMs: 0, name: 'stop', action: { kind: 'stop_target' } },
  ],
  expectations: [
    {
      kind: 'breaker_sequence',
      breaker: KEY_VAULT_BREAKER,
      sequence: ['CLOSED', 'OPEN', 'HALF_OPEN', 'CLOSED'],
      match: 'exact',
      promise: 'keyvault-cache-while-open',
    },
    { kind: 'secret_served_from_cache', breaker: KEY_VAULT_BREAKER, promise: 'keyvault-cache-while-open' },
    {
      kind: 'request_count',
      name: 'no secret read reaches Key Vault while OPEN',
      service: 'keyvault',
      operation: 'GetSecret',
      whileBreaker: { breaker: KEY_VAULT_BREAKER, state: 'OPEN' },
      max: 0,
      promise: 'breaker-rejects-while-open',
    },
    {
      kind: 'request_count',
      name: 'Key Vault reads retried under 503 (more than one request per failing refresh)',
      service: 'keyvault',
      operation: 'GetSecret',
      status: 503,
      min: 10,
      promise: 'outage-breaker',
    },
    {
      kind: 'open_duration',
      breaker: KEY_VAULT_BREAKER,
      minMs: RECOVERY_TIMEOUT_MS - RECOVERY_EARLY_TOLERANCE_MS,
      maxMs: RECOVERY_TIMEOUT_MS + RECOVERY_TOLERANCE_MS,
      promise: 'breaker-half-open-after-timeout',
    },
    {
      kind: 'recovery_time',
      breaker: KEY_VAULT_BREAKER,
      fromStep: 'vault-returns',
      minMs: RECOVERY_TIMEOUT_MS - RECOVERY_EARLY_TOLERANCE_MS,
      maxMs: RECOVERY_TIMEOUT_MS + RECOVERY_TOLERANCE_MS,
      promise: 'breaker-closes-after-successes',
    },
    { kind: 'ledger', maxLost: 0, maxDuplicates: 0, maxUndelivered: 0, promise: 'no-duplicates' },
    RECORDS_UNALTERED,
    { kind: 'target_alive' },
  ],
});
