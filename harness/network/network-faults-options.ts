/**
 * Options of `startNetworkFaults` and their up-front check (every problem at once).
 */
import type { Clock } from '../../fakes/core/clock.js';
import { ChaosError } from '../errors.js';
import type { NetworkFaultEventListener } from './network-events.js';
import { NETWORK_SERVICES, type NetworkService } from './network-fault-spec.js';
import { ENDPOINT_KEY, type NetworkEndpoints } from './proxied-endpoints.js';

export interface StartNetworkFaultsOptions<E extends NetworkEndpoints = NetworkEndpoints> {
  /** Services to put behind a proxy; the others keep their direct endpoints. */
  readonly services: readonly NetworkService[];
  /** The fakes' endpoints (`fakes.endpoints` works as is; extra keys pass through). */
  readonly endpoints: E;
  /** Target ms per wall ms; time attributes of every fault are divided by it. */
  readonly timeScale: number;
  /** Receives `network:injected` / `network:cleared`. */
  readonly onEvent?: NetworkFaultEventListener;
  /** Clock for event timestamps (default wall-clock epoch ms). */
  readonly clock?: Clock;
  /** Seeds Toxiproxy's toxicity rolls and jitter. */
  readonly seed?: number;
  /** Default: `.tools/bin/toxiproxy-server` as installed by `npm run setup`. */
  readonly binaryPath?: string;
  readonly startupTimeoutMs?: number;
}

export function checkNetworkFaultsOptions(options: StartNetworkFaultsOptions): void {
  const problems: string[] = [];
  if (!(options.timeScale > 0) || !Number.isFinite(options.timeScale))
    problems.push(`timeScale: must be a finite number > 0, got ${options.timeScale}`);
  if (options.services.length === 0) problems.push('services: name at least one of s3, keyvault, sentinel, identity');
  for (const service of options.services) {
    if (!NETWORK_SERVICES.includes(service))
      problems.push(`services: unknown service ${JSON.stringify(service)} (known: ${NETWORK_SERVICES.join(', ')})`);
    else if (typeof options.endpoints[ENDPOINT_KEY[service]] !== 'string')
      problems.push(`endpoints.${ENDPOINT_KEY[service]}: required to proxy "${service}"`);
  }
  if (new Set(options.services).size !== options.services.length) problems.push('services: listed more than once');
  if (problems.length) throw new ChaosError(`Failed to start network faults: ${problems.join('; ')}.`);
}
