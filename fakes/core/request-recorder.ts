/**
 * Collects what is known about one request as it moves through the pipeline and writes exactly one
 * journal entry for it, whatever path it took.
 *
 * @note A class rather than an object of closures: one is made per request, and its methods then
 * live once on the prototype. The entry is built field by field in `JournalEntry` order (the order
 * its JSON shows), optional fields only when known.
 */
import type { IncomingMessage } from 'node:http';
import { parseClientRequestId } from './build-fake-request.js';
import type { Clock } from './clock.js';
import type { Journal } from './journal.js';
import type { ClassifiedRequest, FakeRequestHead, FaultKind, JournalEntry, RequestOutcome } from './types.js';

export interface RequestResult {
  readonly outcome: RequestOutcome;
  readonly status: number;
  readonly bytesOut: number;
  readonly note?: string;
}

type EntryDraft = { -readonly [Field in keyof Omit<JournalEntry, 'seq'>]: JournalEntry[Field] };

const UNKNOWN: ClassifiedRequest = Object.freeze({ operation: 'Unknown' });

export class RequestRecorder {
  readonly startedAtMs: number;
  private readonly clientRequestId: string | undefined;
  private request: FakeRequestHead | undefined;
  private bytesIn = 0;
  private classified: ClassifiedRequest = UNKNOWN;
  private attempt: number | undefined;
  private faultRuleId: string | undefined;
  private faultKind: FaultKind | undefined;
  private notes: string[] | undefined;
  private done = false;

  constructor(
    private readonly journal: Journal,
    private readonly clock: Clock,
    private readonly req: IncomingMessage,
  ) {
    this.startedAtMs = clock.now();
    this.clientRequestId = parseClientRequestId(req.headers);
  }

  /** Called with the head as soon as it arrives, then again once the body was read. */
  setRequest(request: FakeRequestHead, bytesIn: number): void {
    this.request = request;
    this.bytesIn = bytesIn;
  }

  setClassified(classified: ClassifiedRequest, attempt: number | undefined): void {
    this.classified = classified;
    this.attempt = attempt;
  }

  setFault(ruleId: string, kind: FaultKind): void {
    this.faultRuleId = ruleId;
    this.faultKind = kind;
  }

  addNote(note: string): void {
    if (this.notes) this.notes.push(note);
    else this.notes = [note];
  }

  /** Records the entry; later calls are ignored. */
  finish(result: RequestResult): void {
    const { request, classified } = this;
    if (this.done || !request) return;
    this.done = true;
    if (result.note) this.addNote(result.note);
    const entry: EntryDraft = {
      requestId: request.requestId,
      service: request.service,
      operation: classified.operation,
      method: this.req.method ?? 'GET',
      path: request.path,
      status: result.status,
      outcome: result.outcome,
      startedAtMs: this.startedAtMs,
      durationMs: Math.max(0, this.clock.now() - this.startedAtMs),
      bytesIn: this.bytesIn,
      bytesOut: result.bytesOut,
    };
    if (this.faultRuleId !== undefined && this.faultKind !== undefined) {
      entry.faultRuleId = this.faultRuleId;
      entry.faultKind = this.faultKind;
    }
    if (this.attempt !== undefined) entry.attempt = this.attempt;
    if (this.clientRequestId !== undefined) entry.clientRequestId = this.clientRequestId;
    if (classified.bucket !== undefined) entry.bucket = classified.bucket;
    if (classified.key !== undefined) entry.key = classified.key;
    if (classified.stream !== undefined) entry.stream = classified.stream;
    if (classified.secretName !== undefined) entry.secretName = classified.secretName;
    if (classified.origin !== undefined) entry.origin = classified.origin;
    if (this.notes) entry.note = this.notes.join('; ').slice(0, 500);
    this.journal.record(entry);
  }
}
