/** Polls `condition` until it holds; throws naming `what` and the limit when `timeoutMs` passes. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  options: { timeoutMs: number; what: string; intervalMs?: number },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline)
      throw new Error(`Failed to wait for ${options.what}: not true after ${options.timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 25));
  }
}
