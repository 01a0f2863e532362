/** Each case reports its median round (by throughput) and the spread over rounds, for the note. */
import type { LoadStats } from './measure-load.js';
import { required } from './required.js';

export function throughput(stats: LoadStats): number {
  return 'mbPerSec' in stats ? (stats.mbPerSec as number) : stats.rps;
}

export interface MedianRound<T extends LoadStats> {
  readonly stats: T;
  /** e.g. `5 rounds 9012–11034 req/s`. */
  readonly spread: string;
  /** Errors summed over all rounds, and the first message seen. */
  readonly errors: number;
  readonly firstError?: string;
}

export function medianRound<T extends LoadStats>(rounds: readonly T[]): MedianRound<T> {
  if (rounds.length === 0) throw new Error('Failed to take a median: no rounds were measured.');
  const sorted = [...rounds].sort((a, b) => throughput(a) - throughput(b));
  const unit = 'mbPerSec' in required(sorted[0], 'a round') ? 'MB/s' : 'req/s';
  const firstError = rounds.find((r) => r.firstError)?.firstError;
  return {
    stats: required(sorted[Math.floor(sorted.length / 2)], 'a round'),
    spread:
      `${rounds.length} rounds ${throughput(required(sorted[0], 'a round')).toFixed(0)}–` +
      `${throughput(required(sorted.at(-1), 'a round')).toFixed(0)} ${unit}`,
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    ...(firstError !== undefined && { firstError }),
  };
}
