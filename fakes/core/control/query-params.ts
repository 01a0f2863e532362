/** Parsing of the control API's query strings into typed queries; bad values are 400s. */
import { ERR_BAD_QUERY } from '../errors.js';
import { SERVICE_NAMES, type ServiceName } from '../service-names.js';
import type { JournalQuery } from '../types.js';

export function parseJournalQuery(query: URLSearchParams): JournalQuery {
  const service = query.get('service') ?? undefined;
  if (service !== undefined && !isServiceName(service)) {
    throw ERR_BAD_QUERY.withDetail(`service must be one of ${SERVICE_NAMES.join(', ')}`);
  }
  const operation = query.get('operation') ?? undefined;
  const status = readQueryInteger(query, 'status');
  const sinceSeq = readQueryInteger(query, 'sinceSeq');
  const limit = readQueryInteger(query, 'limit');
  return {
    ...(service !== undefined && { service }),
    ...(operation !== undefined && { operation }),
    ...(status !== undefined && { status }),
    ...(sinceSeq !== undefined && { sinceSeq }),
    ...(limit !== undefined && { limit }),
  };
}

/** A non-negative integer query parameter, or undefined when absent; anything else is a 400. */
export function readQueryInteger(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < 0)
    throw ERR_BAD_QUERY.withDetail(`${name} must be an integer >= 0, got "${raw}"`);
  return value;
}

function isServiceName(value: string): value is ServiceName {
  const names: readonly string[] = SERVICE_NAMES;
  return names.includes(value);
}
