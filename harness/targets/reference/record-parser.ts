/**
 * Turns an S3 object's text into Sentinel records: a JSON document (an array of records, or one
 * record), else one record per line (firewall lines or JSON lines; empty lines skipped). A line
 * that cannot become a record is REJECTED with a reason, never silently skipped: the ledger
 * counts it. Reasons never quote a whole line, since logs must not carry record contents.
 */
import { type RecordShape, type SentinelRecord, toSentinelRecord } from './sentinel-record.js';
import { firewallLineFields, jsonRecordFields, type SourceFields } from './source-fields.js';

export type { SentinelRecord } from './sentinel-record.js';

export interface RejectedLine {
  /** 1-based line of the object, or item of its JSON array. */
  readonly lineNumber: number;
  /** Starts like the real router's wording: `missing required fields: ['bytes']`, `invalid action …`. */
  readonly reason: string;
}

export interface ParsedObject {
  readonly records: SentinelRecord[];
  readonly rejected: RejectedLine[];
}

export interface ParseOptions extends RecordShape {
  /** Parse the whole object as ONE firewall line, as the real connector does (`whole_object_record` knob). */
  readonly wholeObject?: boolean;
}

/** The whole text as one JSON document, or undefined when it is not one (then it is read line by line). */
function parseJsonDocument(text: string): unknown[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(trimmed) as unknown;
    return Array.isArray(value) ? value : [value];
  } catch {
    return undefined;
  }
}

function lineFields(line: string): SourceFields | string {
  if (!line.trimStart().startsWith('{')) return firewallLineFields(line);
  try {
    return jsonRecordFields(JSON.parse(line));
  } catch {
    // JSON.parse's own message quotes the line, and with it record values the log must not carry.
    return 'malformed JSON line: not valid JSON';
  }
}

/**
 * @example
 * parseObjectText('2024-01-01T00:00:00Z|10.0.0.1|10.0.0.2|allow|fw-1|TCP|40000|443|1001\n\n')
 * // → { records: [{ TimeGenerated: '2024-01-01T00:00:00.000Z', …, BytesTransferred: 1001, … }], rejected: [] }
 */
export function parseObjectText(text: string, options: ParseOptions = {}): ParsedObject {
  const records: SentinelRecord[] = [];
  const rejected: RejectedLine[] = [];
  const add = (fields: SourceFields | string, lineNumber: number): void => {
    const result = typeof fields === 'string' ? fields : toSentinelRecord(fields, options);
    if (typeof result === 'string') rejected.push({ lineNumber, reason: result });
    else records.push(result);
  };
  const document = parseJsonDocument(text);
  if (document !== undefined) {
    for (const [i, item] of document.entries()) add(jsonRecordFields(item), i + 1);
  } else if (options.wholeObject === true) {
    add(firewallLineFields(text.trim()), 1);
  } else {
    for (const [i, line] of text.split(/\r?\n/).entries()) if (line.trim() !== '') add(lineFields(line), i + 1);
  }
  return { records, rejected };
}
