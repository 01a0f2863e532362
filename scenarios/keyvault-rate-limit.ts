/**
 * Runbook Step 5 row "Key Vault | Rate limiting | Increase cache duration": Key Vault throttles
 * every request with 429 and Retry-After: 1 s. The connector must back off as told (no request
 * before Retry-After has passed), serve the cached secret, and its azure-key-vault breaker must open
 * and recover. Shape and python notes: shared/keyvault-breaker-scenario.ts.
 */
import { keyVaultBreakerScenario } from './shared/keyvault-breaker-scenario.js';

export default keyVaultBreakerScenario({
  id: 'keyvault-rate-limit',
  title: 'Key Vault rate limits secret reads (429 with Retry-After), then lifts the limit',
  description:
    'Every Key Vault request gets 429 Too Many Requests with Retry-After: 1 s while the connector refreshes its ' +
    'secret every 2 s. It must back off as told, keep serving the cached secret, open the azure-key-vault breaker ' +
    'at the runbook thresholds, and recover after the recovery timeout once the limit is lifted.',
  tags: ['keyvault', 'breaker'],
  runbookRow:
    'Runbook › Step 5 › "Key Vault | Rate limiting | Increase cache duration": the connector backs off, ' +
    'serves cached secrets, and the azure-key-vault breaker opens and recovers.',
  faultId: 'keyvault-429',
  faultDescription: 'Key Vault (every operation) → 429, Retry-After 1 s',
  effect: { kind: 'http_error', status: 429, retryAfterSeconds: 1 },
  promise: 'keyvault-rate-limit',
  extraExpectations: [
    {
      kind: 'retry_spacing',
      service: 'keyvault',
      operation: 'GetSecret',
      status: 429,
      minGapMs: 900,
      promise: 'keyvault-rate-limit',
    },
  ],
});
