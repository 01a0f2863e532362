import { GateUsageError } from '../report-error.js';

export interface ShardSpec {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/** Parses `i/n` (1 ≤ i ≤ n). */
export function parseShard(text: string): ShardSpec {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    const expected = 'expected i/n with 1 ≤ i ≤ n';
    throw new GateUsageError(`Failed to parse --shard "${text}": ${expected}. Use e.g. --shard 1/2.`);
  }
  return { index, count };
}

/**
 * The scenarios of one shard: the suite sorted by id, dealt round-robin (the k-th id in sorted
 * order goes to shard `k mod n + 1`). Deterministic on every machine, independent of the order
 * the suite was written in, and the n shards together are exactly the suite, each id once.
 * Round-robin rather than contiguous blocks spreads long and short scenarios more evenly
 * when their ids cluster (e.g. all network scenarios next to each other).
 * @example selectShard(['c', 'a', 'b'], { index: 1, count: 2 }) // ['a', 'c']
 */
export function selectShard(suite: readonly string[], shard: ShardSpec): string[] {
  return [...new Set(suite)].sort().filter((_, k) => k % shard.count === shard.index - 1);
}
