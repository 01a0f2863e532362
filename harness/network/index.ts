/**
 * Network faults through a real Toxiproxy (docs/network-faults.md).
 *
 * @example
 * await using network = await startNetworkFaults({
 *   services: ['sentinel'],
 *   endpoints: fakes.endpoints,
 *   timeScale: 10,
 * });
 * await network.inject({ id: 'slow', service: 'sentinel', toxic: 'latency', attributes: { latency: 40_000 } });
 */

export type { NetworkFaultEvent, NetworkFaultEventListener } from './network-events.js';
export { InvalidNetworkFaultError } from './network-fault-error.js';
export type { NetworkFaultSpec, NetworkToxicKind } from './network-fault-spec.js';
export {
  describeNetworkFault,
  NETWORK_SERVICES,
  type NetworkService,
  scaleTimeAttribute,
  TOXIC_ATTRIBUTES,
  type ToxicBody,
  toToxicBody,
  validateNetworkFaultSpec,
} from './network-fault-spec.js';
export type { NetworkEndpoints } from './proxied-endpoints.js';
export { type NetworkFaults, type StartNetworkFaultsOptions, startNetworkFaults } from './start-network-faults.js';
export { DEFAULT_TOXIPROXY_BINARY, ToxiproxyNotInstalledError } from './toxiproxy-binary.js';
