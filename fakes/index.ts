/**
 * All fakes on loopback, one fault engine and one journal shared by them, and a control API.
 *
 *   startFakes() ─▶ per-run CA + cert ─▶ identity (http MI + https authority)
 *                                      ─▶ s3 (http, or https with s3Tls)
 *                                      ─▶ key vault, sentinel (https)
 *                                      ─▶ control API (http)  ─▶ StartedFakes (endpoints, env, faults, …)
 *
 * @example
 *   await using fakes = await startFakes({ seed: 7 });
 *   fakes.s3.createBucket('logs');
 *   fakes.faults.add({ target: { service: 'sentinel', operation: 'Upload' },
 *                      effect: { kind: 'http_error', status: 429, retryAfterSeconds: 1 },
 *                      schedule: { kind: 'first', count: 2 } });
 *   spawn('python', ['-m', 'connector'], { env: { ...process.env, ...fakes.env } });
 */
import { type Clock, SystemClock } from './core/clock.js';
import { type StartedControlApi, startControlApi } from './core/control-api.js';
import { type StartedFakeServer, startFakeServer } from './core/fake-server.js';
import { FaultEngine, type FaultRuleReport } from './core/fault-engine.js';
import { Journal } from './core/journal.js';
import { createRunCertificates, type RunCertificates } from './core/tls.js';
import type { FaultRuleSpec, ServiceDefinition } from './core/types.js';
import { createIdentityService } from './identity/index.js';
import { createKeyVaultService, type SecretStore } from './keyvault/index.js';
import { createS3Service, type S3Credentials, type S3Store } from './s3/index.js';
import { createSentinelService, type IngestStore } from './sentinel/index.js';

export interface StartFakesOptions {
  /** Run seed for probabilistic schedules and jitter. Default 1. */
  readonly seed?: number;
  /** Target time runs this many times faster than the clock; rule times are target time. Default 1. */
  readonly timeScale?: number;
  /**
   * The fakes' clock (journal times, windows, latency waits, token expiry). Default `SystemClock`.
   * @note Pass a wall-time clock: `timeScale` is applied on top of it, so a `ScaledClock` here as well
   * would compress time twice.
   */
  readonly clock?: Clock;
  /** Journal entries kept in memory (counters stay exact). Default 10_000. */
  readonly journalCapacity?: number;
  /** Strict S3 mode: only these keys are accepted and SigV4 signatures are verified. */
  readonly strictS3Auth?: readonly S3Credentials[];
  /** Serve S3 over https with the run's certificate. Default false (plain http). */
  readonly s3Tls?: boolean;
  /** Lifetime of identity tokens. Default 1 h. */
  readonly tokenLifetimeMs?: number;
  /** Bodies above this get the service's 413. Default 64 MiB. */
  readonly maxBodyBytes?: number;
  /** Fixed ports on 127.0.0.1; each defaults to 0 (a free port). */
  readonly ports?: Partial<Record<keyof FakesEndpoints, number>>;
}

export interface FakesEndpoints {
  readonly s3: string;
  readonly keyVault: string;
  readonly sentinel: string;
  /** App Service managed identity endpoint (`IDENTITY_ENDPOINT`), `http://127.0.0.1:p/msi/token`. */
  readonly identity: string;
  /** Token authority (`AZURE_AUTHORITY_HOST`), https, tenant `adfs`. */
  readonly authority: string;
  readonly control: string;
}

/** The typed twin of the control API's fault routes. */
export interface FaultsApi {
  add(spec: FaultRuleSpec): FaultRuleReport;
  remove(id: string): boolean;
  list(): FaultRuleReport[];
  get(id: string): FaultRuleReport | undefined;
  clear(): void;
  /** Every rule (active or removed) that no request ever matched. */
  unmatched(): FaultRuleReport[];
  /** Removed rules with their final counters. */
  removed(): FaultRuleReport[];
}

export interface StartedFakes extends AsyncDisposable {
  readonly endpoints: FakesEndpoints;
  /** Environment block for a connector process (see docs/CONTRACTS.md §1). */
  readonly env: Readonly<Record<string, string>>;
  readonly caCertPath: string;
  readonly caCertPem: string;
  readonly seed: number;
  readonly timeScale: number;
  readonly faults: FaultsApi;
  readonly engine: FaultEngine;
  readonly journal: Journal;
  readonly ingest: IngestStore;
  readonly s3: S3Store;
  readonly keyVault: { setSecret(name: string, value: string): void; readonly store: SecretStore };
  /** Faults cleared and service state emptied; the journal is kept (counters stay exact). */
  reset(): void;
  /** Idempotent: stops every listener (hung requests included) and removes the CA's temp dir. */
  stop(): Promise<void>;
}

/** Fixed value of `IDENTITY_HEADER`; the fake accepts any value, SDKs only need one to be set. */
export const FAKE_IDENTITY_HEADER = 'chaos-fake-identity-header';
export const DEFAULT_AWS_CREDENTIALS: S3Credentials = {
  accessKeyId: 'AKIACHAOSFAKE0000000',
  secretAccessKey: 'chaos-fake-secret-access-key',
};
export const KEY_VAULT_TENANT_ID = 'adfs';

export async function startFakes(options: StartFakesOptions = {}): Promise<StartedFakes> {
  const clock = options.clock ?? new SystemClock();
  const seed = options.seed ?? 1;
  const timeScale = options.timeScale ?? 1;
  const engine = new FaultEngine({ clock, seed, timeScale });
  const journal = new Journal(options.journalCapacity === undefined ? {} : { capacity: options.journalCapacity });
  const stoppables: Array<{ stop(): Promise<void> }> = [];
  let certs: RunCertificates | undefined;

  const stopAll = async (): Promise<void> => {
    const results = await Promise.allSettled([...stoppables].reverse().map((s) => s.stop()));
    if (certs) results.push(...(await Promise.allSettled([certs.dispose()])));
    const errors = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => r.reason as unknown);
    if (errors.length > 0) throw new AggregateError(errors, 'Failed to stop the fakes cleanly.');
  };

  try {
    certs = await createRunCertificates();
    const tls = { cert: certs.certPem, key: certs.keyPem };
    const serve = async (
      definition: ServiceDefinition,
      useTls: boolean,
      port: number | undefined,
    ): Promise<StartedFakeServer> => {
      const server = await startFakeServer({
        definition,
        engine,
        journal,
        clock,
        ...(useTls && { tls }),
        ...(port !== undefined && { port }),
        ...(options.maxBodyBytes !== undefined && { maxBodyBytes: options.maxBodyBytes }),
      });
      stoppables.push(server);
      return server;
    };

    const identity = createIdentityService({
      clock,
      identityHeader: FAKE_IDENTITY_HEADER,
      ...(options.tokenLifetimeMs !== undefined && { tokenLifetimeMs: options.tokenLifetimeMs }),
    });
    const identityServer = await serve(identity, false, options.ports?.identity);
    const authorityServer = await serve(identity, true, options.ports?.authority);
    const s3 = createS3Service({ clock, ...(options.strictS3Auth && { strictAuth: options.strictS3Auth }) });
    const s3Server = await serve(s3, options.s3Tls === true, options.ports?.s3);
    const keyVault = createKeyVaultService({
      clock,
      tenantId: KEY_VAULT_TENANT_ID,
      authorityHost: authorityServer.url,
    });
    const keyVaultServer = await serve(keyVault, true, options.ports?.keyVault);
    const sentinel = createSentinelService({ clock });
    const sentinelServer = await serve(sentinel, true, options.ports?.sentinel);
    const definitions: ServiceDefinition[] = [identity, s3, keyVault, sentinel];

    const reset = (): void => {
      engine.clear();
      for (const definition of definitions) definition.resetState?.();
    };
    const control: StartedControlApi = await startControlApi(
      {
        engine,
        journal,
        reset,
        ingest: sentinel.store,
        seedS3Object: (bucket, key, body) => {
          if (!s3.store.hasBucket(bucket)) s3.store.createBucket(bucket);
          s3.store.putObject(bucket, key, body);
        },
        seedSecret: (name, value) => void keyVault.store.set(name, value),
      },
      options.ports?.control === undefined ? {} : { port: options.ports.control },
    );
    stoppables.push(control);

    const endpoints: FakesEndpoints = {
      s3: s3Server.url,
      keyVault: keyVaultServer.url,
      sentinel: sentinelServer.url,
      identity: `${identityServer.url}/msi/token`,
      authority: authorityServer.url,
      control: control.url,
    };
    const awsCredentials = options.strictS3Auth?.[0] ?? DEFAULT_AWS_CREDENTIALS;
    const env = buildFakesEnv(endpoints, certs.caCertPath, awsCredentials);

    let stopped: Promise<void> | undefined;
    const stop = (): Promise<void> => (stopped ??= stopAll());
    return {
      endpoints,
      env,
      caCertPath: certs.caCertPath,
      caCertPem: certs.caCertPem,
      seed,
      timeScale,
      engine,
      journal,
      faults: {
        add: (spec) => engine.add(spec),
        remove: (id) => engine.remove(id),
        list: () => engine.list(),
        get: (id) => engine.get(id),
        clear: () => engine.clear(),
        unmatched: () => engine.unmatchedRules(),
        removed: () => engine.removedRules(),
      },
      ingest: sentinel.store,
      s3: s3.store,
      keyVault: { setSecret: (name, value) => void keyVault.store.set(name, value), store: keyVault.store },
      reset,
      stop,
      [Symbol.asyncDispose]: stop,
    };
  } catch (error) {
    await stopAll().catch(() => undefined);
    throw error;
  }
}

/** The environment block of docs/CONTRACTS.md §1, and nothing else. */
export function buildFakesEnv(
  endpoints: FakesEndpoints,
  caCertPath: string,
  credentials: S3Credentials,
): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL: endpoints.s3,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    IDENTITY_ENDPOINT: endpoints.identity,
    IDENTITY_HEADER: FAKE_IDENTITY_HEADER,
    AZURE_TOKEN_CREDENTIALS: 'ManagedIdentityCredential',
    AWS_CA_BUNDLE: caCertPath,
    REQUESTS_CA_BUNDLE: caCertPath,
    SSL_CERT_FILE: caCertPath,
    NODE_EXTRA_CA_CERTS: caCertPath,
    KEY_VAULT_URL: endpoints.keyVault,
    SENTINEL_DCR_ENDPOINT: endpoints.sentinel,
  };
}

export type { FaultRuleReport } from './core/fault-engine.js';
export type { S3Store } from './s3/index.js';
export type { IngestStore } from './sentinel/index.js';
