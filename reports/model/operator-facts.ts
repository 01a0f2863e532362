/**
 * Facts a release engineer reads before the tables: what help the connector got, who made the
 * Key Vault requests, which services' failures a breaker answered, and the breaker configuration
 * under test when it is not the runbook's.
 */
import type { Assistance } from '../../harness/domain/assistance.js';
import { RUNBOOK_BREAKER_DEFAULTS } from '../../harness/domain/breaker.js';
import {
  breakerGuarding,
  SERVICE_DISPLAY_NAMES,
  SERVICE_NAMES,
  type ServiceName,
} from '../../harness/domain/services.js';
import type { ScenarioResultFile } from '../../harness/result/result-schema.js';

/** The help a run declared; older result files list only shim names, which count as help too. */
export function assistanceOf(result: ScenarioResultFile): readonly Assistance[] {
  return result.assistance ?? result.shims.map((name) => ({ kind: 'shim' as const, name, description: 'a shim' }));
}

export function describeHelp(result: ScenarioResultFile): string {
  const help = assistanceOf(result);
  if (help.length === 0) return "none: the product's own entry point";
  return help.map((a) => `${a.kind} ${a.name} (${a.description})`).join('; ');
}

/** `12 (all by the product itself)` or `12, made while the keyvault-driver (declared help) was calling Key Vault`. */
export function describeKeyVaultRequests(result: ScenarioResultFile): string {
  const count = Object.values(result.requestCounts.keyvault ?? {}).reduce((a, b) => a + b, 0);
  const helpers = assistanceOf(result)
    .filter((a) => a.calls?.includes('keyvault'))
    .map((a) => a.name);
  if (helpers.length > 0)
    return `${count}, made while ${helpers.join(', ')} (declared help) was calling Key Vault: not the product's own`;
  return `${count} by the product itself`;
}

/** Per service whose requests failed: the breaker that logged transitions for it, or "no breaker observed". */
export function describeBreakersObserved(result: ScenarioResultFile): string {
  const failing = Object.entries(result.requestCounts).filter(([, byKey]) =>
    Object.entries(byKey).some(([key, n]) => n > 0 && /(^|\s)(0|[45]\d\d)$/.test(key)),
  );
  if (failing.length === 0) return 'no service request failed';
  const logged = new Set(result.transitions.map((t) => t.breaker));
  return failing
    .map(([service]) => {
      if (!(SERVICE_NAMES as readonly string[]).includes(service)) return `${service}: unknown service`;
      const breaker = breakerGuarding(service as ServiceName, result.breakerServices, logged);
      const name = SERVICE_DISPLAY_NAMES[service as ServiceName];
      return breaker ? `${name}: ${breaker}` : `${name}: no breaker observed for ${name}`;
    })
    .join('; ');
}

/** The configuration under test when it differs from the runbook defaults, else null. */
export function describeBreakerConfig(result: ScenarioResultFile): string | null {
  const config = result.breakerConfig;
  if (!config) return null;
  const changed = (Object.keys(RUNBOOK_BREAKER_DEFAULTS) as (keyof typeof RUNBOOK_BREAKER_DEFAULTS)[]).filter(
    (k) => config[k] !== RUNBOOK_BREAKER_DEFAULTS[k],
  );
  return changed.length === 0 ? null : changed.map((k) => `${k}=${config[k]}`).join(', ');
}
