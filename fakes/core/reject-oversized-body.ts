import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from './clock.js';
import type { RequestRecorder } from './request-recorder.js';
import { safeErrorResponse } from './service-calls.js';
import type { ClassifiedRequest, FakeRequest, ServiceDefinition } from './service-definition.js';
import { writeFakeResponse } from './write-fake-response.js';

/** How long an oversized upload may keep draining after its 413 before the socket is cut. */
const OVERSIZE_DRAIN_MS = 5_000;

/**
 * Answers a body over `maxBodyBytes` with the service's own 413 and closes the connection, letting
 * the client finish sending first (so it reads the 413), but not forever. Journals it as `rejected`.
 */
export async function rejectOversizedBody(args: {
  readonly definition: ServiceDefinition;
  readonly request: FakeRequest;
  readonly classified: ClassifiedRequest;
  readonly maxBodyBytes: number;
  readonly clock: Clock;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly recorder: RequestRecorder;
}): Promise<void> {
  const { definition, request, classified, maxBodyBytes, req, res } = args;
  const message = `Request body exceeds ${maxBodyBytes} bytes.`;
  const response = safeErrorResponse(definition, 413, undefined, message, request, classified);
  res.setHeader('connection', 'close');
  const bytesOut = await writeFakeResponse(res, response, request.method);
  const cut = args.clock.setTimeout(() => req.socket.destroy(), OVERSIZE_DRAIN_MS);
  // @note Cancel once the connection is gone too, so no timer outlives it.
  req.on('end', () => cut.cancel());
  req.socket.once('close', () => cut.cancel());
  args.recorder.finish({ outcome: 'rejected', status: 413, bytesOut, note: `body over ${maxBodyBytes} bytes` });
}
