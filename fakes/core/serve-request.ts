/**
 * The life of one request in a fake, start to journal. Faults are decided on the request head, so a
 * kind can act before the body is read (stage `head`, e.g. `hang`) or after (stage `body`, the rest):
 *
 *   head ─▶ classify ─▶ engine.decide ─┬─ rule at stage head ─▶ applyFault ─▶ outcome (unless passthrough)
 *                                      ▼
 *                               readRequestBody ─┬─ aborted ─▶ client_aborted
 *                                                ├─ too large ─▶ the service's 413, rejected
 *                                                └─ complete ─┬─ rule at stage body ─▶ applyFault ─▶ outcome
 *                                                             └─ otherwise ─▶ passthrough
 *                                                                   ▼
 *                                    carryOutOutcome ─▶ journal (one entry per request, always)
 *
 * A request whose framing carries no body (most GETs) skips the read: its body is empty.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyFault, stageOf } from './apply-fault.js';
import { buildFakeRequestHead, parseAttempt, withBody } from './build-fake-request.js';
import { carryOutOutcome } from './carry-out-outcome.js';
import type { Clock } from './clock.js';
import type { Exchange } from './exchange.js';
import type { FaultEngine } from './fault-engine.js';
import { PASSTHROUGH } from './faults/passthrough.js';
import type { Journal } from './journal.js';
import { type BodyReadResult, hasNoBody, readRequestBody } from './read-request-body.js';
import { rejectOversizedBody } from './reject-oversized-body.js';
import { RequestLifetime } from './request-lifetime.js';
import { RequestRecorder } from './request-recorder.js';
import type { ClassifiedRequest, FakeRequestHead, ServiceDefinition } from './service-definition.js';

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

const EMPTY_BODY = Buffer.alloc(0);
const NO_BODY: BodyReadResult = Object.freeze({ kind: 'complete', body: EMPTY_BODY });

export async function serveRequest(
  pipeline: RequestPipeline,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const { definition, engine, clock, maxBodyBytes } = pipeline;
  const recorder = new RequestRecorder(pipeline.journal, clock, req);
  const head = buildFakeRequestHead(definition.service, req, recorder.startedAtMs);
  recorder.setRequest(head, 0);
  const classified = classifySafely(definition, head, recorder);
  recorder.setClassified(classified, parseAttempt(req.headers['amz-sdk-request']));
  const lifetime = new RequestLifetime(res, pipeline.stopping);
  const exchange: Exchange = { definition, engine, clock, classified, req, res, lifetime, recorder };

  const decision = engine.decide(definition.service, classified);
  if (decision) recorder.setFault(decision.rule.id, decision.effect.kind);
  const atHead = decision && stageOf(decision.effect) === 'head' ? decision : undefined;
  const atBody = decision && !atHead ? decision : undefined;

  if (atHead) {
    const request = withBody(head, EMPTY_BODY);
    const outcome = await applyFault({ exchange, decision: atHead, stage: 'head', request });
    if (!outcome) return recorder.finish({ outcome: 'client_aborted', status: 0, bytesOut: 0 });
    if (outcome.type !== 'passthrough') return carryOutOutcome(outcome, exchange, request);
  }

  // @note Most GETs have no body: skip the read (and the event-loop turn it costs) when none is framed.
  const read = hasNoBody(req) ? NO_BODY : await readRequestBody(req, maxBodyBytes);
  const request = withBody(head, read.kind === 'too_large' ? EMPTY_BODY : read.body);
  recorder.setRequest(request, read.kind === 'complete' ? read.body.length : read.bytesRead);
  // @note The rule was decided (and counted) on the head; say so when the body never let it act.
  if (atBody && read.kind !== 'complete') recorder.addNote(`fault ${atBody.effect.kind} not applied`);
  if (read.kind === 'aborted') {
    const note = 'client disconnected mid-body';
    return recorder.finish({ outcome: 'client_aborted', status: 0, bytesOut: 0, note });
  }
  if (read.kind === 'too_large')
    return rejectOversizedBody({ definition, request, classified, maxBodyBytes, clock, req, res, recorder });

  try {
    definition.inspect?.(request, classified);
  } catch (error) {
    recorder.addNote(`inspect failed: ${(error as Error).message}`);
  }
  const outcome = atBody ? await applyFault({ exchange, decision: atBody, stage: 'body', request }) : PASSTHROUGH;
  if (!outcome) return recorder.finish({ outcome: 'client_aborted', status: 0, bytesOut: 0 });
  await carryOutOutcome(outcome, exchange, request);
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
