import type { FaultContext } from './fault-kind.js';

/**
 * Resolves when a held request is released: its rule is removed, the client goes away or the server
 * stops (`ctx.signal`). Shared by the kinds that never answer (`hang`, `blackhole`).
 */
export function holdUntilReleased(ctx: FaultContext): Promise<void> {
  return new Promise<void>((resolve) => {
    if (ctx.signal.aborted) return resolve();
    ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    void ctx.whenRuleRemoved().then(resolve);
  });
}
