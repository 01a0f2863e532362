/**
 * The external services the connector talks to, as the fakes name them (fakes/core/types.ts keeps
 * the one list; this module re-exports it so the harness never spells it out again).
 */
export { SERVICE_NAMES, type ServiceName } from '../../fakes/core/types.js';

import type { ServiceName } from '../../fakes/core/types.js';

/** How reports and verdicts name each service. */
export const SERVICE_DISPLAY_NAMES: Readonly<Record<ServiceName, string>> = {
  s3: 'S3',
  sentinel: 'Sentinel',
  keyvault: 'Key Vault',
  identity: 'the identity endpoint',
};

/** How breakers are commonly named after what they guard, for targets that declare no mapping. */
export const BREAKER_NAME_HINTS: Readonly<Record<ServiceName, RegExp>> = {
  s3: /s3|aws|bucket/i,
  sentinel: /sentinel|ingest|monitor|log-?analytics/i,
  keyvault: /key-?vault|secret/i,
  identity: /identity|token|credential/i,
};

/**
 * The breaker guarding `service`: the one the target declares, if it logged a transition, else a
 * logged one named after the service; null when none did.
 */
export function breakerGuarding(
  service: ServiceName,
  declared: Readonly<Partial<Record<string, string>>> | undefined,
  logged: ReadonlySet<string>,
): string | null {
  const named = declared?.[service];
  if (named !== undefined && logged.has(named)) return named;
  return [...logged].find((b) => BREAKER_NAME_HINTS[service].test(b)) ?? null;
}
