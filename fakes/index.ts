/**
 * Public surface of the fakes: `startFakes` and its types, the service registry and the names a
 * scenario can use. The building blocks (fake server, fault engine, journal, control API) are in
 * core/index.ts.
 *
 * @example
 *   await using fakes = await startFakes({ seed: 7 });
 *   fakes.s3.createBucket('logs');
 *   spawn('python', ['-m', 'connector'], { env: { ...process.env, ...fakes.env } });
 */
export type { FaultRuleReport } from './core/fault-engine.js';
export { FAKE_IDENTITY_HEADER } from './identity/identity-fake-service.js';
export { KEY_VAULT_TENANT_ID } from './keyvault/keyvault-fake-service.js';
export type { S3Store } from './s3/index.js';
export { DEFAULT_AWS_CREDENTIALS } from './s3/s3-fake-service.js';
export type { IngestStore } from './sentinel/index.js';
export {
  FAKE_SERVICES,
  type FakeServicesFacade,
  type FakeServicesOptions,
  type FakesEndpointName,
  type RegisteredFakeService,
  SERVICE_OPERATIONS,
} from './services.js';
export { startFakes } from './start-fakes.js';
export type { FakesEndpoints, FaultsApi, StartedFakes, StartFakesOptions } from './started-fakes.js';
