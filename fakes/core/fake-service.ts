/**
 * One fake service as a self-registering module: its name, the operations its classifier can name,
 * and a `create` that returns its definition, its listeners, its control routes, its environment
 * variables and the fields it adds to `StartedFakes`. `startFakes` (fakes/start-fakes.ts) iterates
 * the registry (fakes/services.ts) and knows nothing else about any service.
 *
 *   registry ─▶ module.create(deps) ─▶ definition ─▶ one startFakeServer per listener ─▶ endpoints
 *                                   ├▶ controlRoutes ─▶ control API table
 *                                   ├▶ each listener's env(url, CA) ─▶ StartedFakes.env
 *                                   └▶ facade ─▶ fields of StartedFakes (e.g. `s3`, `ingest`)
 *
 * @example
 *   export const exampleFake = defineFakeService({
 *     name: 'sentinel',
 *     operations: ['Upload', 'Unknown'],
 *     create: ({ clock }: FakeServiceDeps<Record<never, never>>) => {
 *       const definition = createSentinelService({ clock });
 *       return { definition, listeners: { sentinel: { tls: true } }, facade: { ingest: definition.store } };
 *     },
 *   });
 */
import type { Clock } from './clock.js';
import type { ControlRoute } from './control/control-route.js';
import type { ServiceDefinition } from './service-definition.js';
import type { ServiceName } from './service-names.js';

/** How one listener of a service is served; its URL lands in `endpoints` under its key. */
export interface FakeListener {
  readonly tls: boolean;
  /** Appended to the listener's URL in `endpoints` (e.g. `/msi/token`). */
  readonly path?: string;
  /** Environment variables a connector process needs to reach this listener (`url` includes `path`). */
  env?(context: { readonly url: string; readonly caCertPath: string }): Record<string, string>;
}

export interface FakeServiceDeps<Options> {
  readonly clock: Clock;
  /** The `startFakes` options (the service reads its own). */
  readonly options: Options;
  /** URLs of the listeners already started: those of services earlier in the registry. */
  readonly endpoints: Readonly<Record<string, string>>;
}

export interface FakeServiceInstance<Operation extends string, Endpoint extends string, Facade> {
  readonly definition: ServiceDefinition<Operation>;
  /** One loopback listener per endpoint key, all serving `definition`. */
  readonly listeners: { readonly [Key in Endpoint]: FakeListener };
  /** Routes this service adds to the control API (seeding, reading its state). */
  readonly controlRoutes?: readonly ControlRoute[];
  /** Fields this service adds to `StartedFakes`. */
  readonly facade: Facade;
}

export interface FakeServiceModule<
  Name extends ServiceName,
  Operation extends string,
  Endpoint extends string,
  Options,
  Facade,
> {
  readonly name: Name;
  /** Every operation name the service's classifier can return (scenario validation checks against them). */
  readonly operations: readonly Operation[];
  create(deps: FakeServiceDeps<Options>): FakeServiceInstance<NoInfer<Operation>, Endpoint, Facade>;
}

/** Identity helper that keeps a service module's types (operations, endpoints, options, facade). */
export function defineFakeService<
  Name extends ServiceName,
  Operation extends string,
  Endpoint extends string,
  Options,
  Facade,
>(
  module: FakeServiceModule<Name, Operation, Endpoint, Options, Facade>,
): FakeServiceModule<Name, Operation, Endpoint, Options, Facade> {
  return module;
}
