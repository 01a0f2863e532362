/**
 * Rows and summary lines for one S3 operation: each server's median round, a note row that shows
 * whether the load generator could have been the limit, and the fake's ratios against the targets.
 */
import type { BenchRow } from './bench-result.js';
import { type MedianRound, medianRound } from './round-median.js';
import type { S3Op, S3RoundStats } from './s3-load.js';
import type { S3Kind, S3Target } from './s3-targets.js';

export const S3_OP_LABELS: Record<S3Op, string> = { get: 'S3 GetObject 1 KiB', put: 'S3 PutObject 1 KiB' };

/** The issue's targets: the fake's GetObject req/s divided by each baseline's, at least this. */
const GET_TARGETS: readonly { kind: S3Kind; atLeast: number }[] = [
  { kind: 'bare', atLeast: 0.5 },
  { kind: 's3rver', atLeast: 1 },
  { kind: 'moto', atLeast: 3 },
];
/** A server this close to the bare server's rate might be held back by the generator, not itself. */
const NEAR_CEILING = 0.9;
/** A generator using this much of a core (1 = one core) is treated as saturated. */
const GENERATOR_SATURATED = 0.9;

const cores = (share: number | undefined) => (share === undefined ? '?' : share.toFixed(2));
/**
 * CPU per request, from a process's CPU share and the round's rate. Unlike req/s it hardly depends on
 * how much of a core other jobs on this shared machine left the process.
 */
const usPerRequest = (share: number | undefined, rps: number) =>
  share === undefined || rps === 0 ? '?' : `${Math.round((share / rps) * 1e6)} µs`;
const rate = (rps: number) => Math.round(rps).toLocaleString('en-US');

export interface S3OpReport {
  readonly rows: BenchRow[];
  readonly summary: string[];
}

function generatorNote(medians: ReadonlyMap<S3Kind, MedianRound<S3RoundStats>>, targets: readonly S3Target[]): string {
  const bare = medians.get('bare');
  if (!bare) return 'cannot show the generator is not the bottleneck: the bare server was not measured';
  const ceiling = bare.stats.rps;
  const near = targets.filter(
    (t) => t.kind !== 'bare' && (medians.get(t.kind)?.stats.rps ?? 0) >= NEAR_CEILING * ceiling,
  );
  const saturated = targets.filter((t) => (medians.get(t.kind)?.stats.generatorCpu ?? 0) >= GENERATOR_SATURATED);
  const notes = [
    `${near.length === 0 && saturated.length === 0 ? 'not the bottleneck' : 'maybe the bottleneck'}: ` +
      `the same generator drove bare node:http at ${rate(ceiling)} req/s ` +
      `using ${cores(bare.stats.generatorCpu)} core, ` +
      `${usPerRequest(bare.stats.generatorCpu, ceiling)} CPU/req vs the bare server's ` +
      `${usPerRequest(bare.stats.serverCpu, ceiling)}`,
  ];
  if (near.length === 0) notes.push('every other server ran slower with it, so each figure is that server’s own limit');
  else notes.push(`${near.map((t) => t.label).join(', ')} reached ≥ ${NEAR_CEILING}× that rate`);
  if (saturated.length > 0)
    notes.push(`generator ≥ ${GENERATOR_SATURATED} core against ${saturated.map((t) => t.label).join(', ')}`);
  return notes.join('; ');
}

function ratioLine(op: S3Op, medians: ReadonlyMap<S3Kind, MedianRound<S3RoundStats>>, targets: readonly S3Target[]) {
  const fake = medians.get('fakes')?.stats.rps;
  const parts = targets
    .filter((t) => t.kind !== 'fakes')
    .map((t) => {
      const base = medians.get(t.kind)?.stats.rps;
      const ratio = fake === undefined || base === undefined || base === 0 ? undefined : fake / base;
      const goal = op === 'get' ? GET_TARGETS.find((g) => g.kind === t.kind) : undefined;
      const text = `fake/${t.label} ${ratio === undefined ? 'n/a' : `${ratio.toFixed(2)}×`}`;
      if (!goal) return text;
      const verdict = ratio === undefined ? 'NOT MEASURED' : ratio >= goal.atLeast ? 'MET' : 'MISSED';
      return `${text} (target ≥ ${goal.atLeast}×: ${verdict})`;
    });
  return `${S3_OP_LABELS[op]} req/s: ${parts.join(', ')}`;
}

/** @param unavailable why a server has no rounds (not installed, failed to start), by kind. */
export function reportS3Op(
  op: S3Op,
  targets: readonly S3Target[],
  rounds: ReadonlyMap<S3Kind, readonly S3RoundStats[]>,
  unavailable: ReadonlyMap<S3Kind, string>,
): S3OpReport {
  const medians = new Map<S3Kind, MedianRound<S3RoundStats>>();
  const rows: BenchRow[] = [];
  for (const target of targets) {
    const name = `${S3_OP_LABELS[op]} · ${target.label}`;
    const measured = rounds.get(target.kind) ?? [];
    if (measured.length === 0) {
      rows.push({ name, note: unavailable.get(target.kind) ?? 'not measured' });
      continue;
    }
    const median = medianRound(measured);
    medians.set(target.kind, median);
    const { stats } = median;
    rows.push({
      name,
      requests: stats.requests,
      errors: median.errors,
      rps: stats.rps,
      p50Ms: stats.p50Ms,
      p99Ms: stats.p99Ms,
      note: median.firstError
        ? `error: ${median.firstError.slice(0, 100)}`
        : `CPU/req server ${usPerRequest(stats.serverCpu, stats.rps)}, ` +
          `generator ${usPerRequest(stats.generatorCpu, stats.rps)} ` +
          `(${cores(stats.serverCpu)} / ${cores(stats.generatorCpu)} core); ${median.spread}`,
    });
  }
  rows.push({ name: `${S3_OP_LABELS[op]} · load generator`, note: generatorNote(medians, targets) });
  const cpuLine = targets.flatMap((t) => {
    const stats = medians.get(t.kind)?.stats;
    return stats ? [`${t.label} ${usPerRequest(stats.serverCpu, stats.rps)}`] : [];
  });
  return {
    rows,
    summary: [ratioLine(op, medians, targets), `${S3_OP_LABELS[op]} server CPU per request: ${cpuLine.join(', ')}`],
  };
}
