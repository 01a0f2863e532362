/**
 * One seeded log record, as a firewall writes it: the source fields the connector's parser
 * documents (`ts|src_ip|dst_ip|action|rule_name|proto|src_port|dst_port|bytes`). Generated from
 * the run seed and the record number alone, so a seed always gives the same corpus.
 *
 * Identity (docs/CONTRACTS.md §2): every record has a unique number `n`, and four fields carry it
 * independently — the timestamp (second n of the day, plus jitter ms), the bytes count
 * (n × 1000 + jitter), and both addresses (built from n). A connector that rewrites one of them
 * (redaction, a type change, a dropped column) still leaves the others to recognise the record by,
 * so the ledger can say it arrived altered instead of calling it lost.
 *
 * Log hygiene: the rule name ends in a canary value (canaries.ts), credential- or PII-shaped.
 */
import { createPrng, deriveSeed } from '../../../fakes/core/prng.js';
import type { SourceField } from '../../domain/record-schema.js';
import { canaryFor } from './canaries.js';

export interface SourceRecord {
  /** ISO-8601 UTC with milliseconds, e.g. `2024-01-01T00:00:07.042Z`. */
  readonly timestamp: string;
  readonly src_ip: string;
  readonly dst_ip: string;
  readonly action: 'allow' | 'deny' | 'drop';
  readonly rule_name: string;
  readonly proto: 'TCP' | 'UDP' | 'ICMP';
  readonly src_port: number;
  readonly dst_port: number;
  readonly bytes: number;
}

export type { SourceField };

const BASE_MS = Date.UTC(2024, 0, 1);
const ACTIONS = ['allow', 'deny', 'drop'] as const;
const PROTOCOLS = ['TCP', 'UDP', 'ICMP'] as const;
const SERVICE_PORTS = [22, 53, 80, 123, 443, 3389, 5432, 8443] as const;

/** Record `n` (1-based) of the corpus of `seed`. */
export function sourceRecord(seed: number, n: number): SourceRecord {
  if (!Number.isSafeInteger(n) || n < 1)
    throw new RangeError(`Failed to build record ${n}: n must be an integer >= 1.`);
  const random = createPrng(deriveSeed('record', seed, n));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  return {
    timestamp: new Date(BASE_MS + n * 1_000 + Math.floor(random() * 1_000)).toISOString(),
    src_ip: random() < 0.5 ? ipv4(n, 10) : ipv6(n, random),
    dst_ip: random() < 0.5 ? ipv4(n, 172) : ipv6(n, random),
    action: pick(ACTIONS),
    // Every rule name carries a canary (canaries.ts): record content in a log line is then a finding.
    rule_name: `fw-${pick(['edge', 'dmz', 'core', 'vpn'])}-${1 + Math.floor(random() * 64)}/${canaryFor(n).value}`,
    proto: pick(PROTOCOLS),
    src_port: 1_024 + Math.floor(random() * 64_000),
    dst_port: pick(SERVICE_PORTS),
    bytes: n * 1_000 + Math.floor(random() * 1_000),
  };
}

/** `first.(n>>16).(n>>8).n`, unique per n below 2^24, and canonical (no leading zeros). */
function ipv4(n: number, first: number): string {
  return `${first}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/**
 * A documentation-range IPv6 address that carries n in its last two groups. Every group is
 * non-zero and written without leading zeros, so it is already in the canonical form a parser
 * prints (no `::` compression applies): the connector has no reason to change it.
 */
function ipv6(n: number, random: () => number): string {
  const group = (): string => (0x1000 + Math.floor(random() * 0xefff)).toString(16);
  const high = ((n >>> 16) & 0xffff) + 1;
  const low = (n & 0xffff) + 1;
  return `2001:db8:${group()}:${group()}:${group()}:${group()}:${high.toString(16)}:${low.toString(16)}`;
}
