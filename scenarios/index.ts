/**
 * Registry of scenarios by id: the one list `npm run scenario --list`, the gate suite and the
 * report's promise table read. Static imports, so a broken scenario file fails loudly at load.
 *
 * @example getScenario('rate-limit')?.title
 */
import type { Scenario } from '../harness/scenario/types.js';
import authFailure from './auth-failure.js';
import baseline from './baseline.js';
import breakerCustomConfig from './breaker-custom-config.js';
import flapping from './flapping.js';
import halfOpenRelapse from './half-open-relapse.js';
import halfOpenSlow from './half-open-slow.js';
import ingestUnderOutage from './ingest-under-outage.js';
import keyvaultOutage from './keyvault-outage.js';
import keyvaultRateLimit from './keyvault-rate-limit.js';
import keyvaultNetwork from './network/keyvault-network.js';
import s3FlakyNetwork from './network/s3-flaky-network.js';
import sentinelLatency from './network/sentinel-latency.js';
import rateLimit from './rate-limit.js';
import replayWhileFailing from './replay-while-failing.js';
import replicasOutage from './replicas-outage.js';
import restartWhileOpen from './restart-while-open.js';
import s3AccessDenied from './s3-access-denied.js';
import s3Throttling from './s3-throttling.js';
import sentinelForbidden from './sentinel-forbidden.js';
import sentinelOutage from './sentinel-outage.js';

const SCENARIOS: readonly Scenario[] = [
  rateLimit,
  baseline,
  replayWhileFailing,
  ingestUnderOutage,
  sentinelOutage,
  replicasOutage,
  authFailure,
  keyvaultOutage,
  keyvaultNetwork,
  sentinelLatency,
  s3FlakyNetwork,
  sentinelForbidden,
  halfOpenRelapse,
  halfOpenSlow,
  flapping,
  restartWhileOpen,
  breakerCustomConfig,
  keyvaultRateLimit,
  s3Throttling,
  s3AccessDenied,
];

export function listScenarios(): Scenario[] {
  return [...SCENARIOS];
}

export function getScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
