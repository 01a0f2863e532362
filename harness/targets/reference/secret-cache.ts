/**
 * One Key Vault secret, read at start-up and on a refresh interval through the `azure-key-vault`
 * breaker. While the breaker is open, or a fetch fails, the last good value is served from cache
 * (CONTRACTS.md §6 fixes the log message both targets write).
 */
import type { Clock } from '../../../fakes/core/clock.js';
import { describeError } from './azure-clients.js';
import { type CircuitBreaker, CircuitBreakerOpenError } from './circuit-breaker.js';
import { type ConnectorLog, CREDENTIAL_LOGGER } from './connector-logger.js';

export type SecretFetch = (name: string, signal: AbortSignal) => Promise<string | undefined>;
export type SecretOutcome = 'fetched' | 'cached' | 'failed';

export interface SecretCacheOptions {
  readonly name: string;
  readonly fetch: SecretFetch;
  readonly breaker: CircuitBreaker;
  readonly clock: Clock;
  readonly log: ConnectorLog;
  readonly onOutcome?: (outcome: SecretOutcome) => void;
}

export class SecretCache {
  private cached: { value: string; fetchedAtMs: number } | undefined;

  constructor(private readonly options: SecretCacheOptions) {}

  /** The last good value, if any was ever fetched. */
  get value(): string | undefined {
    return this.cached?.value;
  }

  get fetchedAtMs(): number | undefined {
    return this.cached?.fetchedAtMs;
  }

  /** Fetches through the breaker; never throws. Returns what was served. */
  async refresh(): Promise<SecretOutcome> {
    const { name, fetch, breaker, clock, log } = this.options;
    let outcome: SecretOutcome;
    try {
      const value = await breaker.call((signal) => fetch(name, signal));
      if (value === undefined) throw new Error(`secret '${name}' has no value`);
      const changed = this.cached?.value !== value;
      this.cached = { value, fetchedAtMs: clock.now() };
      log('INFO', CREDENTIAL_LOGGER, `Retrieved secret '${name}' from Key Vault${changed ? '' : ' (unchanged)'}`);
      outcome = 'fetched';
    } catch (error) {
      const breakerOpen = error instanceof CircuitBreakerOpenError || breaker.state === 'OPEN';
      if (!(error instanceof CircuitBreakerOpenError))
        log('ERROR', CREDENTIAL_LOGGER, `Failed to retrieve secret '${name}': ${describeError(error)}`);
      if (this.cached !== undefined) {
        log(
          'WARNING',
          CREDENTIAL_LOGGER,
          breakerOpen
            ? `Serving cached secret '${name}' (azure-key-vault breaker OPEN)`
            : `Serving cached secret '${name}' (fetch failed, azure-key-vault breaker ${breaker.state})`,
        );
        outcome = 'cached';
      } else {
        log(
          'ERROR',
          CREDENTIAL_LOGGER,
          `No cached value for secret '${name}'${breakerOpen ? ' (azure-key-vault breaker OPEN)' : ''}`,
        );
        outcome = 'failed';
      }
    }
    this.options.onOutcome?.(outcome);
    return outcome;
  }

  /** Refreshes every `intervalMs` (target time) until `signal` aborts. */
  async refreshEvery(intervalMs: number, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.options.clock.sleep(intervalMs, signal);
      } catch {
        return;
      }
      await this.refresh();
    }
  }
}
