/**
 * The one polling helper of the end-to-end tests: waits until `condition` holds (returns true, or
 * stops throwing) and fails naming what it waited for, the limit, and the last error seen. Unit
 * tests never need it: they run on a ManualClock.
 *
 * @example await eventually(() => fakes.ingest.count().total >= 6, { what: '6 records delivered', timeoutMs: 30_000 });
 */
export interface EventuallyOptions {
  /** What is awaited, for the failure message. */
  readonly what: string;
  /** Wall ms before giving up. Default 30 s. */
  readonly timeoutMs?: number;
  /** Wall ms between checks. Default 50. */
  readonly intervalMs?: number;
}

export async function eventually(
  condition: () => boolean | undefined | Promise<boolean | undefined>,
  options: EventuallyOptions,
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if ((await condition()) !== false) return;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const why =
        lastError === undefined
          ? ''
          : ` Last error: ${lastError instanceof Error ? lastError.message : String(lastError)}`;
      throw new Error(`Failed to wait for ${options.what}: not true after ${timeoutMs} ms.${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}
