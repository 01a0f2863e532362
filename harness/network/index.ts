/**
 * Network faults through a real Toxiproxy (docs/network-faults.md).
 *
 * @example
 * await using network = await startNetworkFaults({ services: ['sentinel'], endpoints: fakes.endpoints, timeScale: 10 });
 * await network.inject({ id: 'slow', service: 'sentinel', toxic: 'latency', attributes: { latency: 40_000 } });
 */
export { startNetworkFaults, type NetworkFaults, type StartNetworkFaultsOptions } from './start-network-faults.js';
export type { NetworkFaultEvent, NetworkFaultEventListener } from './network-events.js';
export type { NetworkEndpoints } from './proxied-endpoints.js';
export {
  NETWORK_SERVICES,
  TOXIC_ATTRIBUTES,
  describeNetworkFault,
  scaleTimeAttribute,
  toToxicBody,
  validateNetworkFaultSpec,
  type NetworkService,
  type ToxicBody,
} from './network-fault-spec.js';
export { InvalidNetworkFaultError } from './network-fault-error.js';
export { DEFAULT_TOXIPROXY_BINARY, ToxiproxyNotInstalledError } from './toxiproxy-binary.js';
export type { NetworkFaultSpec, NetworkToxicKind } from '../scenario/types.js';
