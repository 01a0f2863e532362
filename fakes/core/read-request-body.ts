/**
 * Reads a whole request body with a size limit. A body over the limit is drained and discarded (so the
 * client can read the 413 that follows), and a client that disconnects mid-body is reported as such.
 */
import type { IncomingMessage } from 'node:http';

export type BodyReadResult =
  | { readonly kind: 'complete'; readonly body: Buffer }
  | { readonly kind: 'too_large'; readonly bytesRead: number }
  | { readonly kind: 'aborted'; readonly body: Buffer; readonly bytesRead: number };

/**
 * True when the request's framing says it has no body (RFC 9112 §6.3): no Transfer-Encoding, and no
 * Content-Length or `Content-Length: 0`. Node's parser has then already seen the whole request, so
 * there is nothing to read or wait for (an unread request is drained by Node once the response ends).
 */
export function hasNoBody(req: IncomingMessage): boolean {
  const { headers } = req;
  if (headers['transfer-encoding'] !== undefined) return false;
  const length = headers['content-length'];
  return length === undefined || length === '0';
}

export function readRequestBody(req: IncomingMessage, maxBodyBytes: number): Promise<BodyReadResult> {
  return new Promise((resolve) => {
    // @note State in one object and module-level steps: no named closures made for every request.
    const read: BodyRead = { req, maxBodyBytes, resolve, chunks: [], bytesRead: 0, settled: false };
    req.on('data', (chunk: Buffer) => onData(read, chunk));
    req.on('end', () => settle(read, { kind: 'complete', body: concat(read.chunks) }));
    // @note 'close' also follows a normal 'end'; only a close before 'end' is a client abort.
    req.on('close', () => onGone(read));
    req.on('error', () => onGone(read));
  });
}

interface BodyRead {
  readonly req: IncomingMessage;
  readonly maxBodyBytes: number;
  readonly resolve: (result: BodyReadResult) => void;
  readonly chunks: Buffer[];
  bytesRead: number;
  settled: boolean;
}

function onData(read: BodyRead, chunk: Buffer): void {
  read.bytesRead += chunk.length;
  if (read.settled) return; // draining an oversized body
  if (read.bytesRead > read.maxBodyBytes) {
    read.chunks.length = 0;
    settle(read, { kind: 'too_large', bytesRead: read.bytesRead });
    return;
  }
  read.chunks.push(chunk);
}

function onGone(read: BodyRead): void {
  if (!read.req.complete)
    settle(read, { kind: 'aborted', body: Buffer.concat(read.chunks), bytesRead: read.bytesRead });
}

function settle(read: BodyRead, result: BodyReadResult): void {
  if (read.settled) return;
  read.settled = true;
  read.resolve(result);
}

function concat(chunks: Buffer[]): Buffer {
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}
