/**
 * The types of the whole bundle of fakes: what `startFakes` takes and what it returns. The parts
 * that depend on the services (endpoint names, service options, the fields each service adds, such
 * as `s3`, `keyVault` and `ingest`) are derived from the registry in services.ts.
 */
import type { Clock } from './core/clock.js';
import type { FaultEngine, FaultRuleReport } from './core/fault-engine.js';
import type { Journal } from './core/journal.js';
import type { FaultRuleSpec } from './core/types.js';
import type { FakeServicesFacade, FakeServicesOptions, FakesEndpointName } from './services.js';

export interface StartFakesOptions extends FakeServicesOptions {
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
  /** Bodies above this get the service's 413. Default 64 MiB. */
  readonly maxBodyBytes?: number;
  /** More names for the TLS certificate (tls.ts `altNames`), e.g. `10.0.2.2` for containers. */
  readonly tlsAltNames?: readonly string[];
  /** Fixed ports on 127.0.0.1; each defaults to 0 (a free port). */
  readonly ports?: Partial<Record<keyof FakesEndpoints, number>>;
}

/**
 * Base URL of every listener: `s3`, `keyVault`, `sentinel`, `identity` (the managed identity
 * endpoint, `IDENTITY_ENDPOINT`), `authority` (token authority, https, tenant `adfs`) and `control`.
 */
export type FakesEndpoints = Readonly<Record<FakesEndpointName, string>>;

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

/** Besides these, each service adds its own fields (`s3`, `keyVault`, `ingest`: see services.ts). */
export interface StartedFakes extends AsyncDisposable, FakeServicesFacade {
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
  /** Faults cleared and service state emptied; the journal is kept (counters stay exact). */
  reset(): void;
  /** Idempotent: stops every listener (hung requests included) and removes the CA's temp dir. */
  stop(): Promise<void>;
}
