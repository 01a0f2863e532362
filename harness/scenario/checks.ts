/**
 * Tiny field checks for scenario validation. Each pushes `"<path>: <what is wrong>"` so the
 * validator can report every problem at once.
 */
export type Problems = string[];
export type Obj = Record<string, unknown>;

export const BREAKER_STATES = ['CLOSED', 'OPEN', 'HALF_OPEN'] as const;

export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function at(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

export function checkString(
  obj: Obj,
  key: string,
  path: string,
  required: boolean,
  problems: Problems,
): string | undefined {
  const value = obj[key];
  if (value === undefined) {
    if (required) problems.push(`${at(path, key)}: is required (a non-empty string)`);
    return undefined;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push(`${at(path, key)}: must be a non-empty string`);
    return undefined;
  }
  return value;
}

export interface NumberRule {
  readonly required?: boolean;
  readonly integer?: boolean;
  readonly min?: number;
  readonly above?: number;
  readonly max?: number;
}

export function checkNumber(
  obj: Obj,
  key: string,
  path: string,
  rule: NumberRule,
  problems: Problems,
): number | undefined {
  const value = obj[key];
  const where = at(path, key);
  if (value === undefined) {
    if (rule.required) problems.push(`${where}: is required (a number)`);
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    problems.push(`${where}: must be a finite number, got ${JSON.stringify(value)}`);
    return undefined;
  }
  const before = problems.length;
  if (rule.integer && !Number.isInteger(value)) problems.push(`${where}: must be an integer, got ${value}`);
  if (rule.min !== undefined && value < rule.min) problems.push(`${where}: must be >= ${rule.min}, got ${value}`);
  if (rule.above !== undefined && value <= rule.above) problems.push(`${where}: must be > ${rule.above}, got ${value}`);
  if (rule.max !== undefined && value > rule.max) problems.push(`${where}: must be <= ${rule.max}, got ${value}`);
  return problems.length === before ? value : undefined;
}

export function checkOneOf<T extends string>(
  obj: Obj,
  key: string,
  path: string,
  allowed: readonly T[],
  required: boolean,
  problems: Problems,
): T | undefined {
  const value = obj[key];
  if (value === undefined) {
    if (required) problems.push(`${at(path, key)}: is required (one of ${allowed.join(', ')})`);
    return undefined;
  }
  if (!allowed.includes(value as T)) {
    problems.push(`${at(path, key)}: must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
    return undefined;
  }
  return value as T;
}

export function checkKnownFields(obj: Obj, allowed: readonly string[], path: string, problems: Problems): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) problems.push(`${at(path, key)}: unknown field (allowed: ${allowed.join(', ')})`);
  }
}
