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
    const chunks: Buffer[] = [];
    let bytesRead = 0;
    let settled = false;
    const settle = (result: BodyReadResult): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      bytesRead += chunk.length;
      if (settled) return; // draining an oversized body
      if (bytesRead > maxBodyBytes) {
        chunks.length = 0;
        settle({ kind: 'too_large', bytesRead });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => settle({ kind: 'complete', body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks) }));
    // @note 'close' also follows a normal 'end'; only a close before 'end' is a client abort.
    const onGone = (): void => {
      if (!req.complete) settle({ kind: 'aborted', body: Buffer.concat(chunks), bytesRead });
    };
    req.on('close', onGone);
    req.on('error', onGone);
  });
}
