/**
 * Which records of one upload did not arrive. The SDK splits a batch into ~1 MB chunks and
 * uploads them independently; its AggregateLogsUploadError lists the records of the chunks that
 * failed, by identity, so only those need keeping. Any other error means none arrived.
 */
import { isAggregateLogsUploadError } from '@azure/monitor-ingestion';

/**
 * Positions in `sent` of the records that did not arrive.
 *
 * @example failedPositions(batch, error) // → [3, 4] when the second chunk of a 5-record batch failed
 */
export function failedPositions(sent: readonly unknown[], error: unknown): number[] {
  const all = sent.map((_, i) => i);
  if (!isAggregateLogsUploadError(error)) return all;
  const failed = new Set<unknown>(error.errors.flatMap((f) => f.failedLogs));
  const positions = all.filter((i) => failed.has(sent[i]));
  // The SDK names records it never received from us: the mapping is unknown, so keep them all.
  return positions.length === 0 ? all : positions;
}
