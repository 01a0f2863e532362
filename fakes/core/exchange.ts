/** One request in flight: what fault application and the outcome need of it, made once per request. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from './clock.js';
import type { FaultEngine } from './fault-engine.js';
import type { RequestLifetime } from './request-lifetime.js';
import type { RequestRecorder } from './request-recorder.js';
import type { ClassifiedRequest, ServiceDefinition } from './service-definition.js';

export interface Exchange {
  readonly definition: ServiceDefinition;
  readonly engine: FaultEngine;
  readonly clock: Clock;
  readonly classified: ClassifiedRequest;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** Whether the client went away or the server stopped. */
  readonly lifetime: RequestLifetime;
  readonly recorder: RequestRecorder;
}
