/**
 * Network faults through a real Toxiproxy: one proxy per named service in front of its fake,
 * toxics added and removed on the scenario's timeline.
 *
 *   target ──▶ 127.0.0.1:p' (toxiproxy proxy "keyvault", toxics…) ──▶ 127.0.0.1:p (Key Vault fake)
 *
 * The harness only drives Toxiproxy (toxiproxy-node-client); it does not reimplement it.
 */
import { type Toxic, Toxiproxy, type Proxy as ToxiproxyProxy } from 'toxiproxy-node-client';
import { describeError, InfrastructureError } from '../errors.js';
import type { NetworkFaultEvent } from './network-events.js';
import { InvalidNetworkFaultError } from './network-fault-error.js';
import type { NetworkFaultSpec } from './network-fault-spec.js';
import {
  describeNetworkFault,
  type NetworkService,
  toToxicBody,
  validateNetworkFaultSpec,
} from './network-fault-spec.js';
import { checkNetworkFaultsOptions, type StartNetworkFaultsOptions } from './network-faults-options.js';
import { ENDPOINT_KEY, type NetworkEndpoints, proxyEndpoints, proxyEnv, upstreamAddress } from './proxied-endpoints.js';
import { resolveToxiproxyBinary } from './toxiproxy-binary.js';
import { startToxiproxyProcess } from './toxiproxy-process.js';

export type { StartNetworkFaultsOptions } from './network-faults-options.js';

/** A running Toxiproxy with one proxy per service. `stop()` is idempotent and also `[Symbol.asyncDispose]`. */
export interface NetworkFaults<E extends NetworkEndpoints = NetworkEndpoints> extends AsyncDisposable {
  /** Same shape as the input; proxied services point at their proxy. */
  readonly endpoints: E;
  /** Toxiproxy's API, for diagnostics (`GET /proxies`). */
  readonly apiUrl: string;
  /** The fakes' environment block with proxied URLs substituted. */
  env(fakesEnv: Readonly<Record<string, string>>): Record<string, string>;
  /** Validates, scales time attributes by 1 / timeScale, applies; emits `network:injected`. */
  inject(spec: NetworkFaultSpec): Promise<void>;
  /** Removes the toxic (or re-enables the proxy) and emits `network:cleared`; a no-op for an id that is not active. */
  clear(id: string): Promise<void>;
  /** Active faults in injection order. */
  active(): NetworkFaultSpec[];
  stop(): Promise<void>;
}

/**
 * @example
 * await using network = await startNetworkFaults({
 *   services: ['keyvault'],
 *   endpoints: fakes.endpoints,
 *   timeScale: 10,
 * });
 * const env = network.env(fakes.env);   // hand this to the target
 * await network.inject({ id: 'kv-down', service: 'keyvault', toxic: 'partition' });
 * await network.clear('kv-down');
 */
export async function startNetworkFaults<E extends NetworkEndpoints>(
  options: StartNetworkFaultsOptions<E>,
): Promise<NetworkFaults<E>> {
  checkNetworkFaultsOptions(options);
  const binaryPath = resolveToxiproxyBinary(options.binaryPath);
  const server = await startToxiproxyProcess({
    binaryPath,
    seed: options.seed,
    startupTimeoutMs: options.startupTimeoutMs,
  });
  const toxiproxy = new Toxiproxy(server.apiUrl);
  const proxies = new Map<NetworkService, ToxiproxyProxy>();
  try {
    for (const service of options.services) {
      const upstream = upstreamAddress(options.endpoints[ENDPOINT_KEY[service]]);
      proxies.set(service, await toxiproxy.createProxy({ name: service, listen: '127.0.0.1:0', upstream }));
    }
  } catch (error) {
    await server.stop();
    throw new InfrastructureError(
      `Failed to create the Toxiproxy proxies: ${describeError(error)}. ` +
        `Last server output: ${server.recentOutput().join(' | ')}`,
      { cause: error },
    );
  }
  // Toxiproxy reports the port it actually bound; it keeps that port across disable/enable.
  const listenByService = new Map([...proxies].map(([service, proxy]) => [service, proxy.listen] as const));
  const active = new Map<string, NetworkFaultSpec>();
  const toxics = new Map<string, Toxic<unknown>>();
  const now = (): number => options.clock?.now() ?? Date.now();
  const emit = (event: NetworkFaultEvent): void => options.onEvent?.(event);

  // inject/clear/stop run one at a time, so partition bookkeeping never interleaves.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn);
    queue = next.catch(() => undefined);
    return next;
  };
  let stopped = false;
  const assertRunning = (what: string): void => {
    if (stopped)
      throw new InfrastructureError(
        `Failed to ${what}: network faults were stopped. Start them again with startNetworkFaults().`,
      );
  };

  // Specs are validated against options.services, and every one of those got a proxy above.
  const proxyFor = (service: NetworkService): ToxiproxyProxy => {
    const proxy = proxies.get(service);
    if (!proxy) throw new InfrastructureError(`Failed to find the Toxiproxy proxy for ${service}: none was created.`);
    return proxy;
  };
  const setEnabled = async (service: NetworkService, enabled: boolean): Promise<void> => {
    const proxy = proxyFor(service);
    proxies.set(service, await proxy.update({ enabled, listen: proxy.listen, upstream: proxy.upstream }));
  };
  const partitionedBy = (service: NetworkService): number =>
    [...active.values()].filter((spec) => spec.service === service && spec.toxic === 'partition').length;

  const inject = (spec: NetworkFaultSpec): Promise<void> =>
    serial(async () => {
      assertRunning(`inject network fault "${spec.id}"`);
      const problems = validateNetworkFaultSpec(spec, options.services);
      if (active.has(spec.id)) problems.push(`id: "${spec.id}" is already active; clear it first or pick another id`);
      if (problems.length) throw new InvalidNetworkFaultError(spec.id, problems);
      const sent = spec.toxic === 'partition' ? undefined : toToxicBody(spec, options.timeScale);
      if (sent) toxics.set(spec.id, await proxyFor(spec.service).addToxic<unknown>(sent));
      else if (partitionedBy(spec.service) === 0) await setEnabled(spec.service, false);
      active.set(spec.id, spec);
      emit({
        type: 'network:injected',
        atMs: now(),
        id: spec.id,
        service: spec.service,
        toxic: spec.toxic,
        description: describeNetworkFault(spec),
        spec,
        ...(sent ? { sent } : {}),
      });
    });

  const removeFault = async (spec: NetworkFaultSpec): Promise<void> => {
    active.delete(spec.id);
    const toxic = toxics.get(spec.id);
    toxics.delete(spec.id);
    if (toxic) await toxic.remove();
    // Another partition of the same service keeps it cut off until that one is cleared too.
    if (spec.toxic === 'partition' && partitionedBy(spec.service) === 0) await setEnabled(spec.service, true);
    emit({
      type: 'network:cleared',
      atMs: now(),
      id: spec.id,
      service: spec.service,
      toxic: spec.toxic,
      description: describeNetworkFault(spec),
    });
  };

  const clear = (id: string): Promise<void> =>
    serial(async () => {
      assertRunning(`clear network fault "${id}"`);
      const spec = active.get(id);
      // Not active: its inject step timed out or never ran (scenario validation has already
      // checked that some step injects it). Like `fakes.faults.remove`, nothing to undo.
      if (spec) await removeFault(spec);
    });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= serial(async () => {
      stopped = true;
      const errors: unknown[] = [];
      // Close the timeline's fault windows: every still-active fault ends with the run.
      for (const spec of [...active.values()]) {
        active.delete(spec.id);
        emit({
          type: 'network:cleared',
          atMs: now(),
          id: spec.id,
          service: spec.service,
          toxic: spec.toxic,
          description: describeNetworkFault(spec),
        });
      }
      for (const proxy of proxies.values()) await proxy.remove().catch((error: unknown) => errors.push(error));
      await server.stop().catch((error: unknown) => errors.push(error));
      if (errors.length)
        throw new AggregateError(
          errors,
          'Failed to stop network faults cleanly (the Toxiproxy process was still killed)',
        );
    }));

  return {
    endpoints: proxyEndpoints(options.endpoints, listenByService),
    apiUrl: server.apiUrl,
    env: (fakesEnv) => proxyEnv(fakesEnv, listenByService),
    inject,
    clear,
    active: () => [...active.values()],
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
