/**
 * The one registry of fake services. `startFakes` starts them in this order (a service may use the
 * endpoints of those before it: Key Vault's challenge names the identity authority), and every
 * type of the bundle that depends on the services is derived from this list: the endpoint names,
 * the service options, the fields services add to `StartedFakes`, and `SERVICE_OPERATIONS`.
 *
 * Adding a service: a `defineFakeService({...})` module beside its definition, its name in
 * SERVICE_NAMES (fakes/core/service-names.ts), and one entry here.
 */
import type { ServiceName } from './core/service-names.js';
import { identityFake } from './identity/identity-fake-service.js';
import { keyVaultFake } from './keyvault/keyvault-fake-service.js';
import { s3Fake } from './s3/s3-fake-service.js';
import { sentinelFake } from './sentinel/sentinel-fake-service.js';

export const FAKE_SERVICES = [identityFake, s3Fake, keyVaultFake, sentinelFake] as const;

export type RegisteredFakeService = (typeof FAKE_SERVICES)[number];
type RegisteredInstance = ReturnType<RegisteredFakeService['create']>;

/** Keys of `StartedFakes.endpoints` (and of the `ports` option): each service's listeners, and `control`. */
export type FakesEndpointName = ListenerKeysOf<RegisteredInstance> | 'control';
type ListenerKeysOf<I> = I extends { readonly listeners: infer L } ? keyof L & string : never;

/** The options every registered service reads, merged. */
export type FakeServicesOptions = UnionToIntersection<Parameters<RegisteredFakeService['create']>[0]['options']>;

/** The fields every registered service adds to `StartedFakes`, merged. */
export type FakeServicesFacade = UnionToIntersection<RegisteredInstance['facade']>;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

type OperationsByService = { readonly [M in RegisteredFakeService as M['name']]: M['operations'] };

/**
 * Every operation name each service's classifier can return, `Unknown` included: what a fault rule's
 * `target.operation` (and a scenario) can name.
 * @note Typed as a full `Record<ServiceName, …>`, so a service name with no registered module fails
 * to compile here.
 */
export const SERVICE_OPERATIONS: Readonly<Record<ServiceName, readonly string[]>> = Object.fromEntries(
  FAKE_SERVICES.map((service) => [service.name, service.operations]),
) as OperationsByService;
