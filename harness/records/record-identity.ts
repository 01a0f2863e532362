/**
 * Recognises a delivered (or stored) record as one of the seeded records, without trusting any
 * single field: each of the identity carriers (timestamp, bytes, source and destination address;
 * see seed/corpus/source-record.ts) votes for the record whose value it holds, through the column
 * the target's declared schema maps it to. The record with the most votes wins; a tie between
 * two records, or no vote at all, leaves the record unidentified.
 */
import type { DeclaredSchema, SourceField } from '../domain/record-schema.js';
import type { SourceRecord } from '../seed/corpus/source-record.js';
import { normalizeValue } from './normalize-value.js';

export const IDENTITY_CARRIERS: readonly SourceField[] = ['timestamp', 'bytes', 'src_ip', 'dst_ip'];

export interface RecordIdentity {
  /** Adds seeded record `id`. */
  add(id: string, record: SourceRecord): void;
  /** The id of the seeded record `delivered` is, or null. */
  identify(delivered: Readonly<Record<string, unknown>>): string | null;
}

export function createRecordIdentity(schema: DeclaredSchema): RecordIdentity {
  const carriers = schema.columns.filter((c) => IDENTITY_CARRIERS.includes(c.source));
  const byCarrier = new Map<string, Map<string | number, string>>(carriers.map((c) => [c.name, new Map()]));
  return {
    add(id, record) {
      for (const column of carriers) {
        const key = normalizeValue(record[column.source], column.type);
        if (key !== null) byCarrier.get(column.name)?.set(key, id);
      }
    },
    identify(delivered) {
      const votes = new Map<string, number>();
      for (const column of carriers) {
        const key = normalizeValue(delivered[column.name], column.type);
        const id = key === null ? undefined : byCarrier.get(column.name)?.get(key);
        if (id !== undefined) votes.set(id, (votes.get(id) ?? 0) + 1);
      }
      let best: string | null = null;
      let bestVotes = 0;
      let tied = false;
      for (const [id, count] of votes) {
        if (count > bestVotes) [best, bestVotes, tied] = [id, count, false];
        else if (count === bestVotes) tied = true;
      }
      return tied ? null : best;
    },
  };
}
