/**
 * Runbook row "Key Vault unavailable" (promise `keyvault-cache-while-open`), caused at the HTTP
 * layer: every Key Vault request gets 503 Service Unavailable (Retry-After: 1 s). The shape and its
 * notes (the python target reaches Key Vault only through a declared driver) are in
 * shared/keyvault-breaker-scenario.ts.
 */
import { keyVaultBreakerScenario } from './shared/keyvault-breaker-scenario.js';

export default keyVaultBreakerScenario({
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
  faultId: 'keyvault-503',
  faultDescription: 'Key Vault (every operation) → 503, Retry-After 1 s',
  effect: { kind: 'http_error', status: 503, retryAfterSeconds: 1 },
  promise: 'keyvault-cache-while-open',
  extraExpectations: [
    {
      kind: 'request_count',
      name: 'Key Vault reads retried under 503 (more than one request per failing refresh)',
      service: 'keyvault',
      operation: 'GetSecret',
      status: 503,
      min: 10,
      promise: 'outage-breaker',
    },
  ],
});
