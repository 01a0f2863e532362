/**
 * The Azure SDK clients, built from the environment block only: DefaultAzureCredential (pinned to
 * managed identity by AZURE_TOKEN_CREDENTIALS, reaching the identity fake through
 * IDENTITY_ENDPOINT / IDENTITY_HEADER), a LogsIngestionClient on SENTINEL_DCR_ENDPOINT and a
 * SecretClient on KEY_VAULT_URL. SDK retries stay at their defaults so the wire behaviour is genuine.
 */
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';
import { isAggregateLogsUploadError, LogsIngestionClient } from '@azure/monitor-ingestion';
import { CircuitBreakerOpenError, OperationTimeoutError } from './circuit-breaker.js';

export function createCredential(): TokenCredential {
  return new DefaultAzureCredential();
}

export type UploadFn = (records: readonly Record<string, unknown>[], signal: AbortSignal) => Promise<void>;

/** One batch, one `upload` call; the SDK may split it into ~1 MB chunks itself. */
export function createSentinelUploader(
  endpoint: string,
  credential: TokenCredential,
  ruleId: string,
  stream: string,
): UploadFn {
  const client = new LogsIngestionClient(endpoint, credential);
  return (records, signal) =>
    client.upload(ruleId, stream, records as Record<string, unknown>[], { abortSignal: signal });
}

export function createSecretClient(vaultUrl: string, credential: TokenCredential): SecretClient {
  // No client options: the Key Vault fake's challenge passes the SDK's own resource check on a
  // loopback vault (fakes/keyvault/challenge.ts), so the reference exercises the real auth flow.
  return new SecretClient(vaultUrl, credential);
}

/** Raised when shutdown cut an upload short; the batch is persisted like any other failure. */
export class ShutdownAbortError extends Error {
  override readonly name = 'ShutdownAbortError';
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * The real router's `_categorize_batch_error` categories (connector-contract.md §2.4), plus
 * `shutdown`: `azure_error:<status>`, `azure_error:unknown`, `circuit_breaker_open`, `network_timeout`, …
 */
export function categorizeBatchError(error: unknown): string {
  if (error instanceof CircuitBreakerOpenError) return 'circuit_breaker_open';
  if (error instanceof OperationTimeoutError) return 'network_timeout';
  if (error instanceof ShutdownAbortError) return 'shutdown';
  if (isAggregateLogsUploadError(error)) {
    const status = error.errors.map((failure) => statusOf(failure.cause)).find((s) => s !== undefined);
    return `azure_error:${status ?? 'unknown'}`;
  }
  const name = (error as { name?: string }).name ?? 'Error';
  if (name === 'RestError' || name.endsWith('AuthenticationError') || name === 'CredentialUnavailableError')
    return `azure_error:${statusOf(error) ?? 'unknown'}`;
  return `unknown_error:${name}`;
}

/** One-line-first description, like Python's `str(exception)` (`(503) fault\nCode: 503\n…`). */
export function describeError(error: unknown): string {
  if (isAggregateLogsUploadError(error)) {
    const causes = error.errors.map((failure) => describeError(failure.cause));
    return [...new Set(causes)].join('\n');
  }
  if (error instanceof Error) {
    const status = statusOf(error);
    const code = (error as { code?: unknown }).code;
    const message = error.message.trim() === '' ? error.name : error.message;
    return status !== undefined
      ? `(${status}) ${message}${typeof code === 'string' ? `\nCode: ${code}` : ''}`
      : message;
  }
  return String(error);
}
