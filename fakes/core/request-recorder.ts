/**
 * Collects what is known about one request as it moves through the pipeline and writes exactly one
 * journal entry for it, whatever path it took.
 */
import type { IncomingMessage } from 'node:http';
import { parseClientRequestId } from './build-fake-request.js';
import type { Clock } from './clock.js';
import type { Journal } from './journal.js';
import type { ClassifiedRequest, FakeRequestHead, FaultKind, JournalEntry, RequestOutcome } from './types.js';

export interface RequestRecorder {
  readonly startedAtMs: number;
  /** Called with the head as soon as it arrives, then again once the body was read. */
  setRequest(request: FakeRequestHead, bytesIn: number): void;
  setClassified(classified: ClassifiedRequest, attempt: number | undefined): void;
  setFault(ruleId: string, kind: FaultKind): void;
  addNote(note: string): void;
  /** Records the entry; later calls are ignored. */
  finish(result: { outcome: RequestOutcome; status: number; bytesOut: number; note?: string }): void;
}

export function createRequestRecorder(journal: Journal, clock: Clock, req: IncomingMessage): RequestRecorder {
  const startedAtMs = clock.now();
  const clientRequestId = parseClientRequestId(req.headers);
  let request: FakeRequestHead | undefined;
  let bytesIn = 0;
  let classified: ClassifiedRequest = { operation: 'Unknown' };
  let attempt: number | undefined;
  let fault: { ruleId: string; kind: FaultKind } | undefined;
  const notes: string[] = [];
  let done = false;
  return {
    startedAtMs,
    setRequest(r, bytes) {
      request = r;
      bytesIn = bytes;
    },
    setClassified(c, a) {
      classified = c;
      attempt = a;
    },
    setFault(ruleId, kind) {
      fault = { ruleId, kind };
    },
    addNote(note) {
      notes.push(note);
    },
    finish(result) {
      if (done || !request) return;
      done = true;
      if (result.note) notes.push(result.note);
      const entry: Omit<JournalEntry, 'seq'> = {
        requestId: request.requestId,
        service: request.service,
        operation: classified.operation,
        method: req.method ?? 'GET',
        path: request.path,
        status: result.status,
        outcome: result.outcome,
        startedAtMs,
        durationMs: Math.max(0, clock.now() - startedAtMs),
        bytesIn,
        bytesOut: result.bytesOut,
        ...(fault && { faultRuleId: fault.ruleId, faultKind: fault.kind }),
        ...(attempt !== undefined && { attempt }),
        ...(clientRequestId !== undefined && { clientRequestId }),
        ...(classified.bucket !== undefined && { bucket: classified.bucket }),
        ...(classified.key !== undefined && { key: classified.key }),
        ...(classified.stream !== undefined && { stream: classified.stream }),
        ...(classified.secretName !== undefined && { secretName: classified.secretName }),
        ...(classified.origin !== undefined && { origin: classified.origin }),
        ...(notes.length > 0 && { note: notes.join('; ').slice(0, 500) }),
      };
      journal.record(entry);
    },
  };
}
