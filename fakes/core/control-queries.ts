/** Parsing of the control API's query strings into typed queries; bad values are 400s. */
import { ERR_BAD_QUERY } from './errors.js';
import { type JournalQuery, SERVICE_NAMES, type ServiceName } from './types.js';

export function parseJournalQuery(query: URLSearchParams): JournalQuery {
  const service = query.get('service') ?? undefined;
  if (service !== undefined && !SERVICE_NAMES.includes(service as ServiceName)) {
    throw ERR_BAD_QUERY.withDetail(`service must be one of ${SERVICE_NAMES.join(', ')}`);
  }
  const operation = query.get('operation') ?? undefined;
  const status = readInteger(query, 'status');
  const sinceSeq = readInteger(query, 'sinceSeq');
  const limit = readInteger(query, 'limit');
  return {
    ...(service !== undefined && { service: service as ServiceName }),
    ...(operation !== undefined && { operation }),
    ...(status !== undefined && { status }),
    ...(sinceSeq !== undefined && { sinceSeq }),
    ...(limit !== undefined && { limit }),
  };
}

export function parseIngestQuery(query: URLSearchParams): { stream?: string; sinceSeq?: number } {
  const stream = query.get('stream') ?? undefined;
  const sinceSeq = readInteger(query, 'sinceSeq');
  return { ...(stream !== undefined && { stream }), ...(sinceSeq !== undefined && { sinceSeq }) };
}

function readInteger(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < 0)
    throw ERR_BAD_QUERY.withDetail(`${name} must be an integer >= 0, got "${raw}"`);
  return value;
}
