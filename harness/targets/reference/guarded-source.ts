/**
 * S3 behind its own breaker (`aws-s3`): the connector's README says its breakers protect "S3,
 * Sentinel, and Key Vault calls", and the runbook checks S3 health when a circuit is open. Every
 * list page set and every object read is one breaker call, so a failing S3 opens the breaker and,
 * while it is OPEN, the cycle fails at once without a request reaching S3.
 */
import type { CircuitBreaker } from './circuit-breaker.js';
import type { ObjectSource, S3ObjectInfo } from './s3-source.js';

export const S3_BREAKER = 'aws-s3';

export class BreakerGuardedSource implements ObjectSource {
  constructor(
    private readonly inner: ObjectSource,
    private readonly breaker: CircuitBreaker,
  ) {}

  list(bucket: string, prefix: string, signal?: AbortSignal): Promise<S3ObjectInfo[]> {
    return this.breaker.call((timeout) => this.inner.list(bucket, prefix, anySignal(signal, timeout)));
  }

  read(bucket: string, key: string, signal?: AbortSignal): Promise<Uint8Array> {
    return this.breaker.call((timeout) => this.inner.read(bucket, key, anySignal(signal, timeout)));
  }
}

function anySignal(outer: AbortSignal | undefined, timeout: AbortSignal): AbortSignal {
  return outer === undefined ? timeout : AbortSignal.any([outer, timeout]);
}
