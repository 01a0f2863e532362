/**
 * Retry-After headers for an injected error. Rule values are TARGET time: at timeScale N the fake
 * sends `retry-after-ms: round(ms / N)` and `Retry-After: ceil(s / N)` so that a client honouring the
 * hint waits the compressed time; at scale 1 it sends exactly what the rule says.
 */
export interface RetryAfterHint {
  readonly retryAfterSeconds?: number;
  readonly retryAfterMs?: number;
}

export function buildRetryAfterHeaders(hint: RetryAfterHint, timeScale: number): Record<string, string> {
  const headers: Record<string, string> = {};
  const { retryAfterSeconds, retryAfterMs } = hint;
  if (retryAfterSeconds === undefined && retryAfterMs === undefined) return headers;
  if (timeScale === 1) {
    if (retryAfterSeconds !== undefined) headers['retry-after'] = String(retryAfterSeconds);
    if (retryAfterMs !== undefined) headers['retry-after-ms'] = String(retryAfterMs);
    return headers;
  }
  // One of the two is set (checked above), so each falls back on the other.
  const targetMs = retryAfterMs ?? (retryAfterSeconds ?? 0) * 1_000;
  headers['retry-after-ms'] = String(Math.round(targetMs / timeScale));
  const targetSeconds = retryAfterSeconds ?? targetMs / 1_000;
  headers['retry-after'] = String(Math.ceil(targetSeconds / timeScale));
  return headers;
}

/** Adds headers to a response without dropping the service's own. */
export function withHeaders<R extends { headers?: Record<string, string | number | readonly string[]> }>(
  response: R,
  extra: Record<string, string>,
): R {
  return { ...response, headers: { ...(response.headers ?? {}), ...extra } };
}
