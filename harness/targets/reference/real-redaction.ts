/**
 * What the real connector's PII redaction does to a stored record's source address
 * (connector-contract.md §2.4): the `alter_on_replay` knob replays records as the real connector's
 * files hold them, so the harness can prove it reports such records as altered, not intact.
 */

export const REDACTED_IPV4 = '[REDACTED:IPV4]';

/** The record with SourceIP redacted; a record without SourceIP (drop_column) is left as it is. */
export function redactSourceIp(record: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return 'SourceIP' in record ? { ...record, SourceIP: REDACTED_IPV4 } : { ...record };
}
