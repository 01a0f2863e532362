/**
 * Runbook row "Key Vault unavailable" (promise `keyvault-cache-while-open`), caused at the
 * network layer: Toxiproxy disables the Key Vault proxy (connections refused), so every secret
 * refresh fails until the azure-key-vault breaker opens. The vault comes back at once, but the
 * breaker stays OPEN for its recovery timeout and the cached secret must be served meanwhile;
 * then the breaker must recover.
 *
 *   t=0 start ─ refreshes every 2 s ─ 25 s partition ─ … 5 failures → OPEN → restore
 *       ─ (recovery_timeout 60 s, cache served) ─ HALF_OPEN ─ 2 refreshes ─ CLOSED ─ stop
 *
 * @note The refresh interval is shortened to 2 s (target option `secret_refresh_ms`) so the
 * breaker sees its minimum number of calls in a short run; every breaker bound stays the
 * runbook's. While partitioned, each refresh ends in the SDK's own retries (wall time) or the
 * breaker's 10 s operation timeout (target time), whichever comes first: both count as failures.
 */
import { RUNBOOK_BREAKER_DEFAULTS } from '../../harness/domain/index.js';
import { defineScenario } from '../../harness/scenario/define-scenario.js';
import { arrivalsEvery } from '../shared/arrivals.js';
import { FIRST_ARRIVAL_MS, RECORDS_UNALTERED } from '../shared/integrity.js';

const KEY_VAULT_BREAKER = 'azure-key-vault';
const RECOVERY_TIMEOUT_MS = RUNBOOK_BREAKER_DEFAULTS.recovery_timeout * 1_000;
const SECRET_REFRESH_MS = 2_000;
/** Past the expected recovery (~25 s + opening + 60 s + closing), so fresh records arrive after it. */
const LAST_ARRIVAL_MS = 170_000;

export default defineScenario({
  id: 'keyvault-network',
  title: 'Key Vault partitioned at the network, then restored',
  description:
    'Toxiproxy cuts the connector off from Key Vault (the proxy is disabled: connections are refused) ' +
    'while the connector refreshes its secret every 2 s. ' +
    'The azure-key-vault breaker must open at the runbook thresholds, ' +
    'the last good secret must be served from cache while it is OPEN, ' +
    'and the breaker must go HALF_OPEN after its recovery timeout and close once the vault answers again. ' +
    'Ingestion is not affected: every record is delivered once.',
  tags: ['keyvault', 'network', 'breaker'],
  runbookRow:
    'Runbook › Troubleshooting › "Key Vault unavailable": secret reads go through the azure-key-vault breaker; ' +
    'while it is OPEN the cached secret is used, and the breaker recovers ' +
    '(HALF_OPEN after recovery_timeout, CLOSED after 2 successes) once Key Vault is reachable.',
  // Records keep arriving: the steady state is checked before the partition and after recovery.
  seed: { records: 10, arrivals: arrivalsEvery(2_000, { fromMs: FIRST_ARRIVAL_MS, toMs: LAST_ARRIVAL_MS }) },
  pollIntervalMs: 1_000,
  networkServices: ['keyvault'],
  targetOptions: { secret_refresh_ms: String(SECRET_REFRESH_MS) },
  deadlineMs: 300_000,
  steps: [
    // 25 s of healthy refreshes: well over min_calls_before_open (10) calls before the cut.
    {
      atMs: 25_000,
      name: 'partition',
      action: { kind: 'inject_network', fault: { id: 'keyvault-partition', service: 'keyvault', toxic: 'partition' } },
    },
    {
      when: { kind: 'breaker_state', breaker: KEY_VAULT_BREAKER, state: 'OPEN' },
      timeoutMs: 150_000,
      name: 'restore',
      action: { kind: 'clear_network', faultId: 'keyvault-partition' },
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
    { kind: 'ledger', maxLost: 0, maxDuplicates: 0, maxUndelivered: 0, promise: 'no-duplicates' },
    RECORDS_UNALTERED,
    { kind: 'target_alive' },
  ],
});
