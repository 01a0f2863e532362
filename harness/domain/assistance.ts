/**
 * Help the harness gives the system under test: a shim that adapts its code, a driver that calls
 * it from outside its entry point, a substituted part (a base image), or a setting chosen for it.
 * Declared in every result and report: a promise that holds only with help is "verified with
 * help", never "verified".
 */
import type { ServiceName } from './services.js';

export const ASSISTANCE_KINDS = ['shim', 'driver', 'substitution', 'setting'] as const;
export type AssistanceKind = (typeof ASSISTANCE_KINDS)[number];

export interface Assistance {
  readonly kind: AssistanceKind;
  readonly name: string;
  /** What it changes, in one sentence. */
  readonly description: string;
  /** Services the help itself calls: their requests cannot all be credited to the product. */
  readonly calls?: readonly ServiceName[];
}
