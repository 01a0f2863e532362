/**
 * The Logs Ingestion fake's control routes:
 *
 *   GET /__chaos/ingest?stream=&sinceSeq=   records accepted by the fake
 *   GET /__chaos/ingest/count               { total, distinct } (duplicates counted in total only)
 */
import { type ControlRoute, defineControlRoute, readQueryInteger } from '../core/control-api.js';
import type { IngestStore } from './ingest-store.js';

export function createIngestControlRoutes(store: Pick<IngestStore, 'records' | 'count'>): ControlRoute[] {
  return [
    defineControlRoute({
      method: 'GET',
      pattern: '/__chaos/ingest',
      handle({ query }) {
        const stream = query.get('stream') ?? undefined;
        const sinceSeq = readQueryInteger(query, 'sinceSeq');
        const filter = { ...(stream !== undefined && { stream }), ...(sinceSeq !== undefined && { sinceSeq }) };
        return { status: 200, json: store.records(filter) };
      },
    }),
    defineControlRoute({
      method: 'GET',
      pattern: '/__chaos/ingest/count',
      handle: () => ({ status: 200, json: store.count() }),
    }),
  ];
}
