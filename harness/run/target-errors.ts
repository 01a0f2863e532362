/**
 * The target's distinct ERROR messages, for the result file. A failing connector usually logs one
 * error for every batch; masking the parts that vary (numbers, hex ids, quoted values) turns ten
 * thousand lines into the one cause the report's findings group scenarios by.
 */
import type { EventOf } from '../observe/events.js';
import type { ResultTargetError } from '../result/result-schema.js';

const ERROR_LEVELS = new Set(['ERROR', 'CRITICAL', 'FATAL']);
const MAX_SIGNATURES = 10;

/** `Batch 9f3a… failed: 429 after 3.2s` → `Batch # failed: # after #s`. */
export function errorSignature(message: string): string {
  return message
    .split('\n')[0]
    .replace(/'[^']*'|"[^"]*"/g, "'…'")
    .replace(/\b[0-9a-f]{8,}\b/gi, '#')
    .replace(/\d+(\.\d+)?/g, '#')
    .replace(/\s+/g, ' ')
    .trim();
}

export function summarizeTargetErrors(records: readonly EventOf<'log:record'>[]): ResultTargetError[] {
  const bySignature = new Map<string, { firstLine: string; firstAtMs: number; count: number }>();
  for (const record of records) {
    if (record.level === null || !ERROR_LEVELS.has(record.level)) continue;
    const message = record.message ?? record.record;
    const signature = errorSignature(message);
    const seen = bySignature.get(signature);
    if (seen) seen.count += 1;
    else
      bySignature.set(signature, {
        firstLine: record.record.split('\n')[0] ?? '',
        firstAtMs: Math.round(record.atMs),
        count: 1,
      });
  }
  return [...bySignature]
    .map(([signature, seen]) => ({ signature, ...seen }))
    .sort((a, b) => b.count - a.count || a.firstAtMs - b.firstAtMs)
    .slice(0, MAX_SIGNATURES);
}
