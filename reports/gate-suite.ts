/**
 * The gate suite, listed in this one place. The core scenarios always run; the network
 * scenarios join when the scenario registry has them (they need toxiproxy-server, which
 * `npm run setup` installs). `npm run gate -- --scenarios a,b` overrides the whole list.
 */
export const CORE_GATE_SCENARIOS: readonly string[] = [
  'rate-limit',
  'sentinel-outage',
  'auth-failure',
  'keyvault-outage',
];
export const NETWORK_GATE_SCENARIOS: readonly string[] = ['keyvault-network', 'sentinel-latency', 's3-flaky-network'];

/**
 * The default suite, sorted: the core scenarios plus every network scenario `isKnown` finds.
 * @example resolveDefaultGateSuite((id) => getScenario(id) !== undefined)
 */
export function resolveDefaultGateSuite(isKnown: (id: string) => boolean): string[] {
  return [...CORE_GATE_SCENARIOS, ...NETWORK_GATE_SCENARIOS.filter(isKnown)].sort();
}
