import type { ServiceName } from './services.js';

/**
 * The circuit breaker as the connector's runbook describes it: three states, and the defaults
 * every scenario's bounds are derived from unless it declares the configuration under test.
 */
export const BREAKER_STATES = ['CLOSED', 'OPEN', 'HALF_OPEN'] as const;
export type BreakerState = (typeof BREAKER_STATES)[number];

/** Same field names as the connector's `CircuitBreakerConfig`; durations in seconds as there. */
export interface BreakerConfig {
  readonly failure_threshold: number;
  readonly recovery_timeout: number;
  readonly half_open_max_calls: number;
  readonly success_threshold: number;
  readonly min_calls_before_open: number;
  readonly operation_timeout: number;
}

export const RUNBOOK_BREAKER_DEFAULTS: BreakerConfig = {
  failure_threshold: 5,
  recovery_timeout: 60,
  half_open_max_calls: 3,
  success_threshold: 2,
  min_calls_before_open: 10,
  operation_timeout: 30,
};

/** The breakers the runbook names, by the service they guard. */
export const RUNBOOK_BREAKERS = { sentinel: 'azure-sentinel', keyvault: 'azure-key-vault' } as const;

/** Which breaker guards which service, by breaker name, as a target's documentation names them. */
export type BreakerServices = Readonly<Partial<Record<ServiceName, string>>>;
