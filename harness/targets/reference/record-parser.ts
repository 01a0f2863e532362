/**
 * Turns an S3 object's text into Sentinel records. One record per line: firewall lines
 * `ts|src|dst|action|rule|proto|sport|dport|bytes`, or JSON objects (JSON lines, or one JSON array
 * for a whole `.json` object). A line that cannot become a record is REJECTED with a reason, never
 * silently skipped: the ledger counts it.
 */

/** The prepared record, as the real router sends it (connector-contract.md §2.4). */
// A type alias (not an interface) so it is assignable to the SDK's `Record<string, unknown>`.
export type SentinelRecord = {
  readonly TimeGenerated: string;
  readonly SourceIP: string;
  readonly DestinationIP: string;
  readonly Action: string;
  /** The ledger's record id (CONTRACTS.md §2): kept exact, an integer. */
  readonly BytesTransferred: number;
  readonly DataClassification: 'standard';
  readonly SchemaVersion: '1.0';
};

export interface RejectedLine {
  readonly lineNumber: number;
  /** Starts like the real router's wording: `missing required fields: ['bytes']`, `invalid action …`. */
  readonly reason: string;
}

export interface ParsedObject {
  readonly records: SentinelRecord[];
  readonly rejected: RejectedLine[];
}

const ACTIONS = new Set(['allow', 'deny', 'drop', 'reset']);
const FIREWALL_FIELDS = [
  'timestamp',
  'src_ip',
  'dst_ip',
  'action',
  'rule',
  'protocol',
  'src_port',
  'dst_port',
  'bytes',
] as const;
const REQUIRED = ['timestamp', 'src_ip', 'dst_ip', 'action', 'bytes'] as const;
type Fields = Partial<Record<(typeof FIREWALL_FIELDS)[number], string>>;
type RequiredFields = Fields & Record<(typeof REQUIRED)[number], string>;

const missingFields = (fields: Fields) => REQUIRED.filter((name) => (fields[name] ?? '').trim() === '');
const hasRequiredFields = (fields: Fields): fields is RequiredFields => missingFields(fields).length === 0;

/** Python-style list for the reason text: `['bytes', 'action']`. */
const pyList = (names: readonly string[]): string => `[${names.map((n) => `'${n}'`).join(', ')}]`;

function parseTimestamp(text: string): string | null {
  // `2024-01-01T00:00:00Z`, with fractions, or `2024-01-01 00:00:00` (taken as UTC like the real parser).
  const normalised = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/.test(text) ? `${text.replace(' ', 'T')}Z` : text;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(normalised)) return null;
  const ms = Date.parse(normalised);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Validates fields and builds the record, or returns the rejection reason. */
export function toSentinelRecord(fields: Fields): SentinelRecord | string {
  if (!hasRequiredFields(fields)) return `missing required fields: ${pyList(missingFields(fields))}`;
  const time = parseTimestamp(fields.timestamp.trim());
  if (time === null) return `invalid timestamp ${JSON.stringify(fields.timestamp)}`;
  const action = fields.action.trim().toLowerCase();
  if (!ACTIONS.has(action))
    return `invalid action ${JSON.stringify(fields.action)} (expected allow, deny, drop or reset)`;
  const bytesText = fields.bytes.trim();
  const bytes = Number(bytesText);
  if (!/^\d+$/.test(bytesText) || !Number.isSafeInteger(bytes))
    return `invalid bytes ${JSON.stringify(fields.bytes)} (expected a whole number)`;
  return {
    TimeGenerated: time,
    SourceIP: fields.src_ip.trim(),
    DestinationIP: fields.dst_ip.trim(),
    Action: action,
    BytesTransferred: bytes,
    DataClassification: 'standard',
    SchemaVersion: '1.0',
  };
}

function firewallFields(line: string): Fields | string {
  const parts = line.split('|');
  if (parts.length !== FIREWALL_FIELDS.length)
    return `malformed firewall line: expected ${FIREWALL_FIELDS.length} '|'-separated fields, got ${parts.length}`;
  return Object.fromEntries(FIREWALL_FIELDS.map((name, i) => [name, parts[i]]));
}

/** JSON records may use the parser's field names or the Sentinel names. */
function jsonFields(value: unknown): Fields | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'malformed JSON record: not an object';
  const v = value as Record<string, unknown>;
  const pick = (...names: string[]): string | undefined => {
    for (const name of names) if (v[name] !== undefined && v[name] !== null) return String(v[name]);
    return undefined;
  };
  return {
    timestamp: pick('timestamp', 'TimeGenerated', 'ts'),
    src_ip: pick('src_ip', 'SourceIP'),
    dst_ip: pick('dst_ip', 'DestinationIP'),
    action: pick('action', 'Action'),
    bytes: pick('bytes', 'BytesTransferred'),
  };
}

function parseLine(line: string): SentinelRecord | string {
  let fields: Fields | string;
  if (line.trimStart().startsWith('{')) {
    try {
      fields = jsonFields(JSON.parse(line));
    } catch (error) {
      return `malformed JSON line: ${(error as Error).message}`;
    }
  } else {
    fields = firewallFields(line);
  }
  return typeof fields === 'string' ? fields : toSentinelRecord(fields);
}

/**
 * @example
 * parseObjectText('2024-01-01T00:00:00Z|10.0.0.1|10.0.0.2|allow|rule-1|tcp|40000|443|1000001')
 * // → { records: [{ …, BytesTransferred: 1000001 }], rejected: [] }
 */
export function parseObjectText(text: string): ParsedObject {
  const records: SentinelRecord[] = [];
  const rejected: RejectedLine[] = [];
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      const items = JSON.parse(trimmed) as unknown;
      if (Array.isArray(items)) {
        items.forEach((item, i) => {
          const fields = jsonFields(item);
          const result = typeof fields === 'string' ? fields : toSentinelRecord(fields);
          if (typeof result === 'string') rejected.push({ lineNumber: i + 1, reason: result });
          else records.push(result);
        });
        return { records, rejected };
      }
    } catch {
      // Not one JSON document: fall through to line-by-line parsing, which reports each bad line.
    }
  }
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const result = parseLine(line);
    if (typeof result === 'string') rejected.push({ lineNumber: i + 1, reason: result });
    else records.push(result);
  });
  return { records, rejected };
}
