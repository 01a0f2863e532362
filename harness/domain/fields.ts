/** Field checkers for the harness vocabulary, shared by every kind that names a breaker or service. */
import { custom, isObject, number, oneOf, string, validateFields } from '../../common/validation/index.js';
import { BREAKER_STATES, type BreakerConfig } from './breaker.js';
import { SCENARIO_TAG_NAMES } from './scenario-tags.js';
import { SERVICE_NAMES } from './services.js';

interface Presence<R extends boolean> {
  readonly required?: R;
}

/** A breaker by name, e.g. `azure-sentinel` (targets may name others). */
export const breakerName = <R extends boolean = false>(options: Presence<R> = {}) => string(options);
export const breakerState = <R extends boolean = false>(options: Presence<R> = {}) => oneOf(BREAKER_STATES, options);
export const serviceName = <R extends boolean = false>(options: Presence<R> = {}) => oneOf(SERVICE_NAMES, options);
/** An operation name as the fakes classify it (`Upload`, `GetObject`, `GetSecret`, …). */
export const operationName = <R extends boolean = false>(options: Presence<R> = {}) => string(options);
export const scenarioTag = <R extends boolean = false>(options: Presence<R> = {}) => oneOf(SCENARIO_TAG_NAMES, options);

/** Seconds and counts as the connector's CircuitBreakerConfig takes them. */
const BREAKER_CONFIG_FIELDS = {
  failure_threshold: number({ integer: true, min: 1 }),
  recovery_timeout: number({ above: 0 }),
  half_open_max_calls: number({ integer: true, min: 1 }),
  success_threshold: number({ integer: true, min: 1 }),
  min_calls_before_open: number({ integer: true, min: 0 }),
  operation_timeout: number({ above: 0 }),
};

/** A partial `CircuitBreakerConfig`: field names and units as the connector's dataclass. */
export const breakerConfigOverride = <R extends boolean = false>(options: Presence<R> = {}) =>
  custom<Partial<BreakerConfig>, R>(
    `{ ${Object.keys(BREAKER_CONFIG_FIELDS).join('?, ')}? } (seconds and counts)`,
    (value, path, problems) => {
      if (!isObject(value)) {
        problems.push(`${path}: must be an object of CircuitBreakerConfig fields, e.g. { recovery_timeout: 300 }`);
        return undefined;
      }
      return validateFields(value, BREAKER_CONFIG_FIELDS, path, problems, undefined)
        ? (value as Partial<BreakerConfig>)
        : undefined;
    },
    options,
  );
