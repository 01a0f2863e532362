/**
 * What every `bench/*.bench.ts` module returns from `run()`, and how `npm run bench` prints it.
 *
 * @example
 *   export async function run(): Promise<BenchResult> {
 *     const rows = [{ name: 'GET via proxy', requests: 100, rps: 900, p50Ms: 1.1, p99Ms: 3 }];
 *     return { title: 'toxiproxy latency', rows };
 *   }
 */

export interface BenchRow {
  /** What was measured, e.g. `S3 GetObject 1 KiB · S3 fake`. */
  readonly name: string;
  readonly requests?: number;
  readonly errors?: number;
  readonly rps?: number;
  readonly p50Ms?: number;
  readonly p99Ms?: number;
  /** Throughput where bytes matter (e.g. MB/s of uncompressed JSON accepted). */
  readonly mbPerSec?: number;
  readonly note?: string;
}

export interface BenchResult {
  readonly title: string;
  readonly rows: readonly BenchRow[];
  /** Ratios, targets met or missed, caveats: one line each. */
  readonly summary?: readonly string[];
  /** Set when the module could not measure anything (missing tool, …); says why. */
  readonly skipped?: string;
}

export type BenchModule = { run(): Promise<BenchResult> };

function cell(value: number | string | undefined, digits = 0): string {
  if (value === undefined) return '';
  return typeof value === 'number' ? value.toFixed(digits) : value;
}

/** Renders one result as a fixed-width text table followed by its summary lines. */
export function formatBenchResult(result: BenchResult): string {
  const lines = [`## ${result.title}`];
  if (result.skipped) return [...lines, `skipped: ${result.skipped}`].join('\n');
  const header = ['case', 'requests', 'errors', 'req/s', 'p50 ms', 'p99 ms', 'MB/s', 'note'];
  const body = result.rows.map((r) => [
    r.name,
    cell(r.requests),
    cell(r.errors),
    cell(r.rps),
    cell(r.p50Ms, 2),
    cell(r.p99Ms, 2),
    cell(r.mbPerSec, 1),
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const render = (row: string[]) =>
    row
      .map((c, i) => (i === 0 || i === row.length - 1 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  lines.push(render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(render));
  for (const line of result.summary ?? []) lines.push(`  ${line}`);
  return lines.join('\n');
}
