import { SERVICE_NAMES } from '../../domain/services.js';
import type { EventOf } from '../../observe/events.js';
import { type EvaluationContext, formatSeconds } from '../evaluation-context.js';
import { defineAlwaysOnCheck } from './define-always-on-check.js';

/** Distinct error messages shown as evidence: enough to see the cause, not the repetition. */
const MAX_ERROR_RECORDS = 5;
const ERROR_LEVELS = new Set(['ERROR', 'CRITICAL', 'FATAL']);
const ABOUT_UPLOADS = /upload|ingest/i;

/**
 * When the run seeded records: at least one Sentinel `Upload` request reached the fake. Every other
 * verdict of a run assumes the target talks to Sentinel at all; when it never does (the unmodified
 * real connector fails every upload with a TypeError before any HTTP), breaker and ledger
 * expectations fail for reasons they cannot name. This one names it, with the target's first
 * upload errors and what each service did see as evidence.
 */
export const uploadsReachedSentinel = defineAlwaysOnCheck({
  kind: 'uploads_reached_sentinel',
  summary: 'When records were seeded, at least one upload reached Sentinel.',
  evaluate(ctx) {
    const seeded = ctx.ledger.seeded;
    if (seeded === 0) return null;
    const uploads = ctx.requests.filter((r) => r.entry.service === 'sentinel' && r.entry.operation === 'Upload');
    const evidence: string[] = [];
    const first = uploads[0];
    if (first) {
      evidence.push(
        `first Sentinel Upload @${formatSeconds(first.startMs)} → ${first.entry.status || first.entry.outcome}`,
      );
    } else {
      const endS = formatSeconds(ctx.endMs);
      evidence.push(
        `no Sentinel Upload request reached the fake in ${endS} of target time, with ${seeded} record(s) seeded`,
      );
      evidence.push(...firstErrors(ctx));
    }
    evidence.push(`requests by service: ${describeCounts(ctx)}`);
    return {
      name: 'uploads reached Sentinel',
      passed: uploads.length > 0,
      expected: '≥ 1 Sentinel Upload request',
      observed: uploads.length,
      evidence,
    };
  },
});

/**
 * The target's first ERROR records about uploads or ingestion (failing that, its first errors of
 * any kind), one per distinct message with how often it repeated: a failing target logs the same
 * error for every batch, and one line with its count says more than five copies.
 */
function firstErrors(ctx: EvaluationContext): string[] {
  const errors = ctx.ofType('log:record').filter((e) => e.level !== null && ERROR_LEVELS.has(e.level));
  const aboutUploads = errors.filter((e) => ABOUT_UPLOADS.test(e.record));
  const chosen = aboutUploads.length > 0 ? aboutUploads : errors;
  if (chosen.length === 0) return ['the target logged no ERROR record'];
  const distinct = new Map<string, { first: EventOf<'log:record'>; count: number }>();
  for (const e of chosen) {
    const message = (e.message ?? e.record).split('\n')[0] ?? '';
    const seen = distinct.get(message);
    if (seen) seen.count += 1;
    else distinct.set(message, { first: e, count: 1 });
  }
  const heading =
    aboutUploads.length > 0
      ? `first upload/ingestion error(s) the target logged (${aboutUploads.length} in all):`
      : `the target logged no upload/ingestion error; its first error(s) (${errors.length} in all):`;
  const lines = [...distinct.values()].slice(0, MAX_ERROR_RECORDS).map(({ first, count }) => {
    const times = count > 1 ? ` (×${count})` : '';
    return `@${formatSeconds(first.atMs)} [${first.command}] ${first.record.split('\n')[0]}${times}`;
  });
  return [heading, ...lines];
}

/** `s3 1995 (GetObject 1958, ListObjectsV2 37); sentinel 0; keyvault 0; identity 0`. */
function describeCounts(ctx: EvaluationContext): string {
  const byService = new Map<string, Map<string, number>>();
  for (const r of ctx.requests) {
    let ops = byService.get(r.entry.service);
    if (!ops) {
      ops = new Map();
      byService.set(r.entry.service, ops);
    }
    ops.set(r.entry.operation, (ops.get(r.entry.operation) ?? 0) + 1);
  }
  for (const service of SERVICE_NAMES) if (!byService.has(service)) byService.set(service, new Map());
  return [...byService]
    .map(([service, ops]) => {
      const total = [...ops.values()].reduce((a, b) => a + b, 0);
      const detail = [...ops].map(([op, n]) => `${op} ${n}`).join(', ');
      return total === 0 ? `${service} 0` : `${service} ${total} (${detail})`;
    })
    .join('; ');
}
