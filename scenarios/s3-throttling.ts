/**
 * Runbook Step 5 row "S3 | Throttling (503) | Reduce request rate", and the long S3 outage of the
 * per-service breakers: every S3 request gets 503 SlowDown (S3's own XML error) for 60 s. The SDK
 * retries SlowDown (a throttling error) with backoff; a breaker guarding S3 must open and recover;
 * nothing is lost. Shape: shared/s3-fault-scenario.ts.
 */
import { s3FaultScenario } from './shared/s3-fault-scenario.js';

export default s3FaultScenario({
  id: 's3-throttling',
  title: 'S3 throttles every request (503 SlowDown) for a minute',
  description:
    'Every S3 request (list and get) gets 503 SlowDown for 60 s while objects keep arriving. Each call must be ' +
    'retried as the SDK does (more than once, no retry storm), a breaker guarding S3 must open, keep requests ' +
    'away while OPEN, go HALF_OPEN after the recovery timeout and close, and every record must arrive once S3 ' +
    'answers again.',
  tags: ['s3', 'breaker'],
  runbookRow:
    'Runbook › Step 5 › "S3 | Throttling (503) | Reduce request rate"; Step 2 "For AWS S3: check bucket access"; ' +
    'connector README: circuit breakers protect "S3, Sentinel, and Key Vault calls".',
  faultId: 's3-slowdown',
  faultDescription: 'S3 (every operation) → 503 SlowDown',
  effect: { kind: 'http_error', status: 503 },
  extraExpectations: [
    {
      kind: 'retries_per_call',
      service: 's3',
      status: 503,
      // The AWS SDKs' standard retry mode makes up to 3 attempts (JS) or 4–5 (boto3 legacy, max_retries 3);
      // more than 10 per call is a storm.
      min: 2,
      max: 10,
      promise: 's3-errors-handled',
    },
  ],
});
