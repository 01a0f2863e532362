/** Tick step (target ms) giving about `targetTicks` ticks over `spanMs`, on a 1/2/5 ladder. */
export function niceTickStepMs(spanMs: number, targetTicks = 8): number {
  const raw = Math.max(spanMs, 1) / targetTicks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const factor of [1, 2, 5, 10]) {
    if (factor * magnitude >= raw) return factor * magnitude;
  }
  return 10 * magnitude;
}

/** Tick positions from 0 to `endMs` inclusive of 0. */
export function timeTicks(endMs: number, targetTicks = 8): number[] {
  const step = niceTickStepMs(endMs, targetTicks);
  const ticks: number[] = [];
  for (let t = 0; t <= endMs + step * 1e-9; t += step) ticks.push(Math.round(t * 1000) / 1000);
  return ticks;
}

/** Tick label in target seconds, without needless decimals. */
export function formatTickSeconds(ms: number): string {
  const seconds = ms / 1000;
  return Number.isInteger(seconds) ? `${seconds}s` : `${seconds.toFixed(seconds < 1 ? 2 : 1)}s`;
}
