import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compareRecord } from '../../harness/records/compare-record.js';
import { renderObject, type SeedShape } from '../../harness/seed/corpus/render-object.js';
import { type SourceRecord, sourceRecord } from '../../harness/seed/corpus/source-record.js';
import { decodeObjectBody, UnreadableObjectError } from '../../harness/targets/reference/object-body.js';
import { parseObjectText } from '../../harness/targets/reference/record-parser.js';
import { REFERENCE_RECORD_SCHEMA } from '../../harness/targets/reference/record-schema.js';

const seeded: SourceRecord[] = [1, 2, 3, 4, 5].map((n) => sourceRecord(7, n));
const parseSeeded = (shape: SeedShape, key: string) =>
  parseObjectText(decodeObjectBody(key, renderObject(seeded, shape)));

/** Every delivered record compared with its source through the declared schema: nothing missing, nothing altered. */
function expectIntact(records: readonly Record<string, unknown>[]): void {
  expect(records).toHaveLength(seeded.length);
  records.forEach((record, i) => {
    expect(compareRecord(seeded[i] as SourceRecord, record, REFERENCE_RECORD_SCHEMA)).toEqual({
      missing: [],
      altered: [],
    });
  });
}

describe('parseObjectText: formats', () => {
  it('maps a firewall line to every declared column, typed, plus the two metadata columns', () => {
    expect(
      parseObjectText('2024-01-01T00:00:00.042Z|10.0.0.1|2001:db8::1|allow|fw-edge-3|TCP|40000|443|1042\n'),
    ).toEqual({
      records: [
        {
          TimeGenerated: '2024-01-01T00:00:00.042Z',
          SourceIP: '10.0.0.1',
          DestinationIP: '2001:db8::1',
          Action: 'allow',
          RuleName: 'fw-edge-3',
          Protocol: 'TCP',
          SourcePort: 40_000,
          DestinationPort: 443,
          BytesTransferred: 1_042,
          DataClassification: 'standard',
          SchemaVersion: '1.0',
        },
      ],
      rejected: [],
    });
  });

  it('reads a multi-line firewall object, one record per line, every column intact', () => {
    expectIntact(parseSeeded({ format: 'firewall', linesPerObject: 5, gzip: false }, 'logs/fw-7-1.log').records);
  });

  it('gunzips a .log.gz object before parsing it', () => {
    expectIntact(parseSeeded({ format: 'firewall', linesPerObject: 5, gzip: true }, 'logs/fw-7-1.log.gz').records);
  });

  it('reads a .json object holding a JSON array of source-field records', () => {
    expectIntact(parseSeeded({ format: 'json', linesPerObject: 5, gzip: false }, 'logs/events-7-1.json').records);
  });

  it('reads JSON lines, skipping empty lines', () => {
    const text = `${seeded.map((r) => JSON.stringify(r)).join('\n\n')}\n\n`;
    const parsed = parseObjectText(text);
    expect(parsed.rejected).toEqual([]);
    expectIntact(parsed.records);
  });

  it('skips empty and blank lines in a firewall object without rejecting them', () => {
    const lines = renderObject(seeded, { format: 'firewall', linesPerObject: 5, gzip: false }).toString().split('\n');
    const parsed = parseObjectText(['', ...lines.slice(0, 2), '   ', ...lines.slice(2), '\r\n'].join('\r\n'));
    expect(parsed.rejected).toEqual([]);
    expectIntact(parsed.records);
  });

  it('leaves an optional column out when the source left it empty, rather than sending ""', () => {
    const [record] = parseObjectText('2024-01-01T00:00:00Z|10.0.0.1|10.0.0.2|deny||UDP|||7').records;
    expect(record).not.toHaveProperty('RuleName');
    expect(record).not.toHaveProperty('SourcePort');
    expect(record).toMatchObject({ Action: 'deny', Protocol: 'UDP', BytesTransferred: 7 });
  });

  it('refuses a .gz object that is not gzip as unreadable (the same bytes would come back)', () => {
    expect(() => decodeObjectBody('logs/a.log.gz', Buffer.from('plain text'))).toThrow(UnreadableObjectError);
    expect(decodeObjectBody('logs/a.log', gzipSync('x'))).not.toBe('x');
  });
});

describe('parseObjectText: rejections', () => {
  it('rejects each bad line with a reason and keeps the good ones', () => {
    const text = [
      '2024-01-01 00:00:00|a|b|DENY|r|udp|1|2|7',
      '{"src_ip":"a","dst_ip":"b","action":"drop","bytes":8,"timestamp":"2024-01-01T00:00:00.5Z"}',
      '',
      'x|y',
      '2024-01-01T00:00:00Z|a|b|allow|r|tcp|1|2|1.5',
      '2024-01-01T00:00:00Z|a|b|allow|r|tcp|http|2|9',
      'not-a-date|a|b|allow|r|tcp|1|2|3',
    ].join('\r\n');
    const parsed = parseObjectText(text);
    expect(parsed.records.map((r) => [r.BytesTransferred, r.Action])).toEqual([
      [7, 'deny'],
      [8, 'drop'],
    ]);
    expect(parsed.rejected).toEqual([
      { lineNumber: 4, reason: "malformed firewall line: expected 9 '|'-separated fields, got 2" },
      { lineNumber: 5, reason: 'invalid bytes "1.5" (expected a whole number)' },
      { lineNumber: 6, reason: 'invalid src_port "http" (expected a whole number)' },
      { lineNumber: 7, reason: 'invalid timestamp "not-a-date"' },
    ]);
  });

  it('names missing required fields of a JSON array item, and reads Sentinel column names too', () => {
    const parsed = parseObjectText(
      '[{"SourceIP":"a","DestinationIP":"b","Action":"allow","BytesTransferred":9,' +
        '"TimeGenerated":"2024-01-01T00:00:00Z","Protocol":"ICMP"},{"action":"allow"}]',
    );
    expect(parsed.records).toEqual([expect.objectContaining({ BytesTransferred: 9, Protocol: 'ICMP' })]);
    expect(parsed.rejected).toEqual([
      { lineNumber: 2, reason: "missing required fields: ['timestamp', 'src_ip', 'dst_ip', 'bytes']" },
    ]);
  });

  it('never quotes a malformed JSON line in its reason (the log must not carry record values)', () => {
    const { rejected } = parseObjectText('{"src_ip": "10.9.8.7", broken');
    expect(rejected).toEqual([{ lineNumber: 1, reason: 'malformed JSON line: not valid JSON' }]);
  });
});

describe('parseObjectText: test knobs', () => {
  const text = renderObject(seeded, { format: 'firewall', linesPerObject: 5, gzip: false }).toString();

  it('whole_object_record: a multi-line object is ONE malformed record, as the real parser reads it', () => {
    expect(parseObjectText(text, { wholeObject: true })).toEqual({
      records: [],
      rejected: [{ lineNumber: 1, reason: "malformed firewall line: expected 9 '|'-separated fields, got 41" }],
    });
    // A one-line object still parses, trailing newline and all.
    expect(parseObjectText(`${text.split('\n')[0]}\n`, { wholeObject: true }).records).toHaveLength(1);
  });

  it('drop_column: that column is missing from every record, and the comparison says so', () => {
    const { records } = parseObjectText(text, { omitColumn: 'Protocol' });
    expect(records).toHaveLength(5);
    for (const [i, record] of records.entries()) {
      expect(record).not.toHaveProperty('Protocol');
      expect(compareRecord(seeded[i] as SourceRecord, record, REFERENCE_RECORD_SCHEMA).missing).toEqual(['Protocol']);
    }
  });
});
