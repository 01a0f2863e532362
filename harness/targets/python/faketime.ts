/**
 * Accelerated time for the connector process through libfaketime (Debian `faketime`): with
 * `FAKETIME="+0 x<N>"` preloaded, time.time(), time.monotonic(), time.sleep, asyncio's loop and
 * socket timeouts all run N× faster, so the breaker's real 60 s recovery timeout takes 60/N
 * wall seconds. Limits are in docs/python-target.md (timed thread waits hang, SDK timeouts
 * shrink, logs are stamped in target time).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { InfrastructureError } from '../../errors.js';

/** The MT build: the connector runs uploads on executor threads. */
const LIBFAKETIME_CANDIDATES = [
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1',
  '/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1',
  '/usr/lib/faketime/libfaketimeMT.so.1',
  '/usr/local/lib/faketime/libfaketimeMT.so.1',
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/local/lib/faketime/libfaketime.so.1',
] as const;

/** Wall ms the probe sleeps; long enough for ms timestamps, short enough for every prepare. */
const PROBE_WALL_MS = 400;
/** Includes starting a container when the probe runs in one. */
const PROBE_TIMEOUT_MS = 60_000;

/**
 * @example findLibfaketime() // '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1'
 */
export function findLibfaketime(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = env.CHAOS_LIBFAKETIME ? [env.CHAOS_LIBFAKETIME] : LIBFAKETIME_CANDIDATES;
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    throw new InfrastructureError(
      "Failed to accelerate the python target's clock: " +
        `libfaketime was not found (looked in ${candidates.join(', ')}). ` +
        'Install it (apt-get install faketime), set CHAOS_LIBFAKETIME, or run with --time-scale 1.',
    );
  }
  return found;
}

/** Environment that runs a process `scale`× faster from the moment it starts. */
export function faketimeEnv(libfaketime: string, scale: number): Record<string, string> {
  return { LD_PRELOAD: libfaketime, FAKETIME: `+0 x${scale}` };
}

export interface TimeScaleProbe {
  /** Target seconds per wall second across time.sleep and asyncio.sleep, as measured. */
  readonly measuredScale: number;
  readonly sleepScale: number;
  readonly asyncioScale: number;
}

const PROBE_SCRIPT = `
import asyncio, sys, time
n = float(sys.argv[1])
def mark(tag):
    print(tag, repr(time.time()), flush=True)
mark("a")
time.sleep(n)
mark("b")
asyncio.run(asyncio.sleep(n))
mark("c")
`;

/**
 * Runs a probe in `python` under the same preload and compares its clock with the wall clock.
 * Each line is stamped on arrival, so interpreter start-up does not count.
 *
 * @example const { measuredScale } = await probeTimeScale('/venv/bin/python', env, 10);
 */
export function probeTimeScale(
  python: string,
  env: Readonly<Record<string, string>>,
  scale: number,
): Promise<TimeScaleProbe> {
  return probeTimeScaleWith(python, [], env, scale);
}

/**
 * The same probe through a launcher: `file ...args -c <probe> <seconds>`, e.g. `podman run … python3`
 * for a container, whose faketime environment the launcher passes on.
 */
export function probeTimeScaleWith(
  file: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  scale: number,
): Promise<TimeScaleProbe> {
  const targetSleepS = (PROBE_WALL_MS / 1_000) * scale;
  return new Promise((resolve, reject) => {
    const child = spawn(file, [...args, '-c', PROBE_SCRIPT, String(targetSleepS)], {
      env: { ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const marks = new Map<string, { targetS: number; wallMs: number }>();
    let stderr = '';
    let buffered = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), PROBE_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const wallMs = performance.now();
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [tag, value] = line.trim().split(' ');
        if (tag && value) marks.set(tag, { targetS: Number(value), wallMs });
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(
        new InfrastructureError(
          `Failed to probe the time scale: ${error.message}. Check the python target's virtual environment.`,
        ),
      );
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      const [a, b, c] = ['a', 'b', 'c'].map((tag) => marks.get(tag));
      if (code !== 0 || !a || !b || !c) {
        const lastLines = stderr.trim().split('\n').slice(-3).join(' | ') || 'no output';
        reject(
          new InfrastructureError(
            `Failed to probe the time scale under libfaketime (exit ${code}): ${lastLines}. ` +
              'Check the faketime installation or run with --time-scale 1.',
          ),
        );
        return;
      }
      const rate = (from: typeof a, to: typeof a): number =>
        ((to.targetS - from.targetS) * 1_000) / Math.max(1, to.wallMs - from.wallMs);
      const sleepScale = rate(a, b);
      const asyncioScale = rate(b, c);
      resolve({ measuredScale: rate(a, c), sleepScale, asyncioScale });
    });
  });
}
