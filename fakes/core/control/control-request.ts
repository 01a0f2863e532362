/** Builds the `ControlRequest` a route handler sees: params, query, headers and a lazily read body. */
import type { IncomingMessage } from 'node:http';
import { ERR_BAD_REQUEST_BODY } from '../errors.js';
import { readRequestBody } from '../read-request-body.js';
import type { ControlRequest, RouteParams } from './control-route.js';

const MAX_CONTROL_BODY_BYTES = 64 * 1024 * 1024;

export function createControlRequest(req: IncomingMessage, params: RouteParams, query: string): ControlRequest {
  let body: Promise<Buffer> | undefined;
  const readBody = (): Promise<Buffer> => (body ??= readControlBody(req));
  return {
    params,
    query: new URLSearchParams(query),
    headers: req.headers,
    body: readBody,
    async json() {
      const text = (await readBody()).toString('utf8');
      try {
        return JSON.parse(text);
      } catch (error) {
        throw ERR_BAD_REQUEST_BODY.withDetail(error instanceof Error ? error.message : String(error));
      }
    },
  };
}

async function readControlBody(req: IncomingMessage): Promise<Buffer> {
  const read = await readRequestBody(req, MAX_CONTROL_BODY_BYTES);
  if (read.kind === 'complete') return read.body;
  throw ERR_BAD_REQUEST_BODY.withDetail(
    read.kind === 'too_large' ? `body over ${MAX_CONTROL_BODY_BYTES} bytes` : 'client disconnected',
  );
}
