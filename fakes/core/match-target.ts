/** Whether a rule's target covers a classified request. Pure. */
import type { ClassifiedRequest, FaultTarget, ServiceName } from './types.js';

export function matchesTarget(target: FaultTarget, service: ServiceName, classified: ClassifiedRequest): boolean {
  if (target.service !== service) return false;
  if (target.operation !== undefined) {
    const operations = typeof target.operation === 'string' ? [target.operation] : target.operation;
    if (!operations.includes(classified.operation)) return false;
  }
  if (target.bucket !== undefined && classified.bucket !== target.bucket) return false;
  if (target.keyPrefix !== undefined && (classified.key === undefined || !classified.key.startsWith(target.keyPrefix)))
    return false;
  if (target.stream !== undefined && classified.stream !== target.stream) return false;
  if (target.secretName !== undefined && classified.secretName !== target.secretName) return false;
  return true;
}
