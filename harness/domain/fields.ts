/** Field checkers for the harness vocabulary, shared by every kind that names a breaker or service. */
import { oneOf, string } from '../../common/validation/index.js';
import { BREAKER_STATES } from './breaker.js';
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
