import type { ResultExpectation, ScenarioResultFile } from '../../harness/result/result-schema.js';
import { formatSeconds } from './format-value.js';

export interface EvidenceEntry {
  readonly scenario: string;
  readonly expectation: string;
  readonly kind: string;
  /** The lines the expectation itself recorded as deciding it. */
  readonly evidence: readonly string[];
  /** Target log lines: warnings, errors and breaker messages (or the tail when there are none). */
  readonly log: readonly string[];
  /** Fake journal entries: failed, faulted or unanswered requests to the services involved. */
  readonly journal: readonly string[];
}

const LOG_LINES = 40;
const JOURNAL_LINES = 30;
const NOTABLE_LOG = /\b(WARNING|ERROR|CRITICAL)\b|Circuit breaker|Traceback/;

/** Services the expectation names, read from its expected/observed values (`service` fields). */
function servicesOf(expectation: ResultExpectation): Set<string> {
  const services = new Set<string>();
  for (const value of [expectation.expected, expectation.observed]) {
    if (typeof value === 'object' && value !== null && typeof (value as { service?: unknown }).service === 'string') {
      services.add((value as { service: string }).service);
    }
  }
  return services;
}

/** A log line without what varies between repeats: timestamps, hex ids, numbers. */
const shapeOf = (line: string): string =>
  line
    .replace(/\d{4}-\d\d-\d\d[ T][\d:.,+]+/g, '')
    .replace(/\b[0-9a-f]{8,}\b/gi, '#')
    .replace(/\d+(\.\d+)?/g, '0');

/**
 * Lines that repeat one of the last few shown lines up to timestamps, ids and numbers (a
 * connector logging the same two failures every 100 ms) collapse into a count, so the excerpt
 * shows the different things that happened rather than one thing forty times.
 */
export function collapseRepeats(lines: readonly string[], window = 4): string[] {
  const out: string[] = [];
  const recent: string[] = [];
  let repeats = 0;
  const flush = (): void => {
    if (repeats > 0) out.push(`  … ${repeats} more similar line${repeats === 1 ? '' : 's'}`);
    repeats = 0;
  };
  for (const line of lines) {
    const shape = shapeOf(line);
    if (recent.includes(shape)) {
      repeats++;
      continue;
    }
    flush();
    recent.push(shape);
    if (recent.length > window) recent.shift();
    out.push(line);
  }
  flush();
  return out;
}

function logExcerptFor(result: ScenarioResultFile): string[] {
  const notable = result.logExcerpt.filter((line) => NOTABLE_LOG.test(line));
  return collapseRepeats(notable.length > 0 ? notable : result.logExcerpt).slice(-LOG_LINES);
}

function journalExcerptFor(result: ScenarioResultFile, services: Set<string>): string[] {
  return result.requests
    .filter((r) => (services.size === 0 || services.has(r.service)) && (r.faulted || r.status >= 400 || r.status < 100))
    .slice(-JOURNAL_LINES)
    .map(
      (r) =>
        `t=${formatSeconds(r.atMs)} ${r.service} ${r.operation} → ${r.status} ${r.outcome}` +
        (r.faulted ? ' (fault injected)' : ''),
    );
}

/**
 * The evidence appendix: for each failed expectation (and each errored scenario), the lines
 * that decided it plus the log and journal excerpts a reviewer needs to believe it.
 */
export function collectEvidence(results: readonly ScenarioResultFile[]): EvidenceEntry[] {
  const entries: EvidenceEntry[] = [];
  for (const result of results) {
    if (result.verdict === 'error') {
      entries.push({
        scenario: result.scenario,
        expectation: 'scenario run (error)',
        kind: 'error',
        evidence: [result.error ?? 'the run errored without a message'],
        log: collapseRepeats(result.logExcerpt).slice(-LOG_LINES),
        journal: journalExcerptFor(result, new Set()),
      });
    }
    for (const expectation of result.expectations) {
      if (expectation.passed) continue;
      entries.push({
        scenario: result.scenario,
        expectation: expectation.name,
        kind: expectation.kind,
        evidence: expectation.evidence,
        log: logExcerptFor(result),
        journal: journalExcerptFor(result, servicesOf(expectation)),
      });
    }
  }
  return entries;
}
