/** Phase "settle": the target is stopped; the failed-batch and working directories are read one last time. */
import type { Observed } from '../run-context.js';

export async function settlePhase(ctx: Observed): Promise<void> {
  await ctx.controller.stop();
  await ctx.watcher.rescan();
  await ctx.strayScanner.rescan();
}
