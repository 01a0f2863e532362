/**
 * Runbook Step 5 row "S3 | Permission denied | Check IAM policies": every GetObject gets 403
 * AccessDenied for 60 s (listing still works, as with a policy that allows s3:ListBucket but not
 * s3:GetObject). No object may be marked done while it could not be read: each must be delivered
 * once access returns. A breaker guarding S3 must open and recover (shared/s3-fault-scenario.ts).
 */
import { s3FaultScenario } from './shared/s3-fault-scenario.js';

export default s3FaultScenario({
  id: 's3-access-denied',
  title: 'S3 denies reading objects (403 AccessDenied) for a minute',
  description:
    'Every GetObject gets 403 AccessDenied for 60 s while listing works and objects keep arriving. A 403 is not ' +
    'retried; no object may be marked processed while it could not be read, so every record must arrive once ' +
    'access returns; a breaker guarding S3 must open, keep requests away while OPEN, and recover.',
  tags: ['s3', 'breaker'],
  runbookRow:
    'Runbook › Step 5 › "S3 | Permission denied | Check IAM policies"; connector README: circuit breakers ' +
    'protect "S3, Sentinel, and Key Vault calls".',
  faultId: 's3-access-denied',
  faultDescription: 'S3 GetObject → 403 AccessDenied',
  operation: 'GetObject',
  effect: { kind: 'http_error', status: 403 },
  extraExpectations: [
    {
      kind: 'retries_per_call',
      service: 's3',
      operation: 'GetObject',
      status: 403,
      min: 1,
      max: 1,
      promise: 's3-errors-handled',
    },
  ],
});
