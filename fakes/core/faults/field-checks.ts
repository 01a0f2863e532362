/**
 * Tiny validators shared by the rule envelope and every fault kind. Each returns the problems it
 * found as `"<path>: <what is wrong>"` strings, so a caller can report every problem at once.
 */
import { HTTP_ERROR_STATUSES } from './http-statuses.js';

export type Problems = string[];

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function checkKnownFields(
  obj: Record<string, unknown>,
  allowed: readonly string[],
  path: string,
  problems: Problems,
): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) problems.push(`${join(path, key)}: unknown field (allowed: ${allowed.join(', ')})`);
  }
}

export function checkOptionalString(obj: Record<string, unknown>, key: string, path: string, problems: Problems): void {
  const value = obj[key];
  if (value !== undefined && (typeof value !== 'string' || value.length === 0)) {
    problems.push(`${join(path, key)}: must be a non-empty string`);
  }
}

export function checkOptionalBoolean(
  obj: Record<string, unknown>,
  key: string,
  path: string,
  problems: Problems,
): void {
  const value = obj[key];
  if (value !== undefined && typeof value !== 'boolean') problems.push(`${join(path, key)}: must be true or false`);
}

export interface NumberRule {
  readonly required?: boolean;
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** Strictly greater than. */
  readonly above?: number;
}

export function checkNumber(
  obj: Record<string, unknown>,
  key: string,
  path: string,
  rule: NumberRule,
  problems: Problems,
): void {
  const value = obj[key];
  const at = join(path, key);
  if (value === undefined) {
    if (rule.required) problems.push(`${at}: is required`);
    return;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    problems.push(`${at}: must be a finite number`);
    return;
  }
  if (rule.integer && !Number.isInteger(value)) problems.push(`${at}: must be an integer`);
  if (rule.min !== undefined && value < rule.min) problems.push(`${at}: must be >= ${rule.min}`);
  if (rule.above !== undefined && value <= rule.above) problems.push(`${at}: must be > ${rule.above}`);
  if (rule.max !== undefined && value > rule.max) problems.push(`${at}: must be <= ${rule.max}`);
}

export function checkOneOf(
  obj: Record<string, unknown>,
  key: string,
  path: string,
  allowed: readonly (string | number)[],
  required: boolean,
  problems: Problems,
): void {
  const value = obj[key];
  if (value === undefined) {
    if (required) problems.push(`${join(path, key)}: is required (one of ${allowed.join(', ')})`);
    return;
  }
  if (!allowed.includes(value as string | number))
    problems.push(`${join(path, key)}: must be one of ${allowed.join(', ')}`);
}

export function checkHttpErrorStatus(
  obj: Record<string, unknown>,
  key: string,
  path: string,
  required: boolean,
  problems: Problems,
): void {
  checkOneOf(obj, key, path, HTTP_ERROR_STATUSES, required, problems);
}

export function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
