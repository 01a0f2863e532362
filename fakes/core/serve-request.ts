/**
 * The life of one request in a fake, start to journal:
 *
 *   readRequestBody ─┬─ aborted ─▶ client_aborted
 *                    ├─ too large ─▶ the service's 413, rejected
 *                    └─ complete ─▶ classify ─▶ engine.decide ─┬─ no rule ─▶ passthrough
 *                                                              └─ rule ─▶ applyFault ─▶ outcome
 *                                                                           ▼
 *                                                carryOutOutcome ─▶ journal (one entry, always)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyFault } from './apply-fault.js';
import { buildFakeRequest, parseAttempt } from './build-fake-request.js';
import { carryOutOutcome } from './carry-out-outcome.js';
import type { Clock } from './clock.js';
import type { FaultEngine } from './fault-engine.js';
import type { FaultOutcome } from './faults/fault-kind.js';
import { PASSTHROUGH } from './faults/passthrough.js';
import type { Journal } from './journal.js';
import { readRequestBody } from './read-request-body.js';
import { createRequestRecorder, type RequestRecorder } from './request-recorder.js';
import { safeErrorResponse } from './service-calls.js';
import type { ClassifiedRequest, FakeRequest, FakeRequestHead, ServiceDefinition } from './service-definition.js';
import { writeFakeResponse } from './write-fake-response.js';

/** What every request of one listener shares. */
export interface RequestPipeline {
  readonly definition: ServiceDefinition;
  readonly engine: FaultEngine;
  readonly journal: Journal;
  readonly clock: Clock;
  readonly maxBodyBytes: number;
  /** Aborted when the server stops. */
  readonly stopping: AbortSignal;
}

/** How long an oversized upload may keep draining after its 413 before the socket is cut. */
const OVERSIZE_DRAIN_MS = 5_000;

export async function serveRequest(
  pipeline: RequestPipeline,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const { definition, engine, clock, maxBodyBytes } = pipeline;
  const recorder = createRequestRecorder(pipeline.journal, clock, req);
  const gone = watchRequestLifetime(res, pipeline.stopping);

  const read = await readRequestBody(req, maxBodyBytes);
  const body = read.kind === 'too_large' ? Buffer.alloc(0) : read.body;
  const request = buildFakeRequest(definition.service, req, body, recorder.startedAtMs);
  recorder.setRequest(request, read.kind === 'complete' ? read.body.length : read.bytesRead);
  const classified = classifySafely(definition, request, recorder);
  recorder.setClassified(classified, parseAttempt(req.headers['amz-sdk-request']));

  if (read.kind === 'aborted') {
    recorder.finish({ outcome: 'client_aborted', status: 0, bytesOut: 0, note: 'client disconnected mid-body' });
    return;
  }
  if (read.kind === 'too_large') {
    const message = `Request body exceeds ${maxBodyBytes} bytes.`;
    const response = safeErrorResponse(definition, 413, undefined, message, request, classified);
    res.setHeader('connection', 'close');
    const bytesOut = await writeFakeResponse(res, response, request.method);
    // Let the client finish sending (so it reads the 413), but not forever.
    const cut = clock.setTimeout(() => req.socket.destroy(), OVERSIZE_DRAIN_MS);
    req.on('end', () => cut.cancel());
    recorder.finish({ outcome: 'rejected', status: 413, bytesOut, note: `body over ${maxBodyBytes} bytes` });
    return;
  }

  const decision = engine.decide(definition.service, classified);
  let outcome: FaultOutcome | undefined = PASSTHROUGH;
  if (decision) {
    recorder.setFault(decision.rule.id, decision.effect.kind);
    const run = { decision, engine, definition, request, classified, clock, signal: gone, recorder };
    outcome = await applyFault(run);
  }
  if (!outcome) return recorder.finish({ outcome: 'client_aborted', status: 0, bytesOut: 0 });
  await carryOutOutcome(outcome, { definition, request, classified, req, res, gone, recorder });
}

/** Aborts when the client goes away before the response is finished, or the server stops. */
function watchRequestLifetime(res: ServerResponse, stopping: AbortSignal): AbortSignal {
  const gone = new AbortController();
  const onStop = (): void => gone.abort(stopping.reason);
  stopping.addEventListener('abort', onStop, { once: true });
  res.on('close', () => {
    if (!res.writableFinished) gone.abort(new Error('client went away'));
    stopping.removeEventListener('abort', onStop);
  });
  return gone.signal;
}

function classifySafely(
  definition: ServiceDefinition,
  request: FakeRequestHead,
  recorder: Pick<RequestRecorder, 'addNote'>,
): ClassifiedRequest {
  try {
    return definition.classify(request);
  } catch (error) {
    recorder.addNote(`classify failed: ${(error as Error).message}`);
    return { operation: 'Unknown' };
  }
}
