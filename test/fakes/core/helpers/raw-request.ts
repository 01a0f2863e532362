/** A plain node:http(s) client that reports transport failures instead of hiding them. */
import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export type RawResult =
  | { readonly ok: true; readonly status: number; readonly headers: IncomingHttpHeaders; readonly body: Buffer }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly status?: number };

export interface RawRequestOptions {
  readonly method?: string;
  readonly headers?: OutgoingHttpHeaders;
  readonly body?: Buffer | string;
  readonly ca?: string;
  readonly signal?: AbortSignal;
  /** Wait for `100 Continue` before sending the body. */
  readonly expectContinue?: boolean;
}

export function rawRequest(url: string, options: RawRequestOptions = {}): Promise<RawResult> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers: OutgoingHttpHeaders = { ...options.headers };
    if (options.body !== undefined) headers['content-length'] = Buffer.byteLength(options.body);
    if (options.expectContinue) headers.expect = '100-continue';
    let status: number | undefined;
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        headers,
        agent: false,
        ...(options.ca && { ca: options.ca }),
        ...(options.signal && { signal: options.signal }),
      },
      (res) => {
        status = res.statusCode;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ ok: true, status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', (error: NodeJS.ErrnoException) =>
          resolve({
            ok: false,
            code: error.code ?? error.name,
            message: error.message,
            ...(status !== undefined && { status }),
          }),
        );
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({
        ok: false,
        code: error.code ?? error.name,
        message: error.message,
        ...(status !== undefined && { status }),
      }),
    );
    if (options.expectContinue) {
      req.on('continue', () => req.end(options.body));
      req.flushHeaders();
    } else {
      req.end(options.body);
    }
  });
}

/** Polls `condition` until it holds or `timeoutMs` passes (then throws naming `what`). */
export async function waitFor(what: string, condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
