/**
 * Runbook Step 5 row "S3 | Throttling (503) | Reduce request rate", and the long S3 outage of the
 * per-service breakers: every S3 request gets 503 SlowDown (S3's own XML error) for 60 s. The SDK
 * retries SlowDown (a throttling error) with backoff, and nothing is lost. Whether an S3 breaker
 * exists is judged in s3-access-denied: here the SDK's backoff runs in wall time, so how many calls
 * fit in the outage, and so whether a breaker may open, would depend on --time-scale.
 * Shape: shared/s3-fault-scenario.ts.
 */
import { s3FaultScenario } from './shared/s3-fault-scenario.js';

export default s3FaultScenario({
  id: 's3-throttling',
  title: 'S3 throttles every request (503 SlowDown) for a minute',
  description:
    'Every S3 request (list and get) gets 503 SlowDown for 60 s while objects keep arriving. Each call must be ' +
    'retried as the SDK does (more than once, no retry storm), and every record must arrive once S3 answers ' +
    'again.',
  tags: ['s3'],
  runbookRow:
    'Runbook › Step 5 › "S3 | Throttling (503) | Reduce request rate"; Step 2 "For AWS S3: check bucket access"; ' +
    'connector README: circuit breakers protect "S3, Sentinel, and Key Vault calls".',
  faultId: 's3-slowdown',
  faultDescription: 'S3 (every operation) → 503 SlowDown',
  effect: { kind: 'http_error', status: 503 },
  judgeServiceBreaker: false,
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
