/**
 * CPU time of another process from `/proc/<pid>/stat` (Linux), so the bench can show which side of
 * a round was busy: a server near 100 % of a core while the generator is well below it means the
 * server, not the generator, set the rate.
 */
import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second; 100 on every Linux build this runs on (`getconf CLK_TCK`). */
const TICKS_PER_SECOND = 100;

/** User + system CPU time of `pid` (all its threads) in ms, or undefined where /proc is missing. */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined || pid <= 0) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // Fields after the parenthesised command name (which may hold spaces); utime, stime are 14, 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1_000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Runs `fn` and returns its result with the CPU share each pid used meanwhile (1 = one full core). */
export async function withCpuShares<T>(
  pids: readonly (number | undefined)[],
  fn: () => Promise<T>,
): Promise<{ result: T; cpuShares: (number | undefined)[] }> {
  const before = pids.map(processCpuMs);
  const t0 = performance.now();
  const result = await fn();
  const elapsedMs = performance.now() - t0;
  const cpuShares = pids.map((pid, i) => {
    const [a, b] = [before[i], processCpuMs(pid)];
    return a === undefined || b === undefined ? undefined : (b - a) / elapsedMs;
  });
  return { result, cpuShares };
}
