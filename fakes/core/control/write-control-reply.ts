/** Writes a handler's `ControlReply`, or a `ChaosApiError` as `{ "error", "status" }` JSON. */
import type { ServerResponse } from 'node:http';
import { type ChaosApiError, InvalidFaultRuleError } from '../errors.js';
import type { ControlReply } from './control-route.js';

/** Open NDJSON streams, ended when the control API stops. */
export type OpenStreams = Set<ServerResponse>;

export function writeControlReply(res: ServerResponse, reply: ControlReply, streams: OpenStreams): void {
  if ('json' in reply) {
    sendJson(res, reply.status, reply.json);
    return;
  }
  res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
  res.flushHeaders();
  const close = reply.ndjson((value) => res.write(`${JSON.stringify(value)}\n`));
  streams.add(res);
  res.on('close', () => {
    close();
    streams.delete(res);
  });
}

export function writeControlError(res: ServerResponse, error: ChaosApiError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body =
    error instanceof InvalidFaultRuleError ? { ...error.toJSON(), problems: error.problems } : error.toJSON();
  sendJson(res, error.status, body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
