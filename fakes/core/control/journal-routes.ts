/**
 *   GET /__chaos/journal?service=&operation=&status=&sinceSeq=&limit=   entries, oldest first
 *   GET /__chaos/journal/stream[?sinceSeq=]    NDJSON, one entry per line as requests complete
 *   GET /__chaos/journal/counts                exact totals
 */
import type { Journal } from '../journal.js';
import type { JournalEntry, JournalQuery } from '../types.js';
import { type ControlRoute, defineControlRoute } from './control-route.js';
import { parseJournalQuery } from './query-params.js';

export function createJournalRoutes(journal: Journal): ControlRoute[] {
  return [
    defineControlRoute({
      method: 'GET',
      pattern: '/__chaos/journal',
      handle: ({ query }) => ({ status: 200, json: journal.query(parseJournalQuery(query)) }),
    }),
    defineControlRoute({
      method: 'GET',
      pattern: '/__chaos/journal/counts',
      handle: () => ({ status: 200, json: journal.counts() }),
    }),
    defineControlRoute({
      method: 'GET',
      pattern: '/__chaos/journal/stream',
      handle: ({ query }) => {
        const q = parseJournalQuery(query);
        return {
          ndjson(write) {
            if (q.sinceSeq !== undefined) for (const entry of journal.query({ ...q, limit: undefined })) write(entry);
            return journal.subscribe((entry) => {
              if (matchesQuery(entry, q)) write(entry);
            });
          },
        };
      },
    }),
  ];
}

function matchesQuery(entry: JournalEntry, q: JournalQuery): boolean {
  return (
    (q.service === undefined || entry.service === q.service) &&
    (q.operation === undefined || entry.operation === q.operation) &&
    (q.status === undefined || entry.status === q.status)
  );
}
