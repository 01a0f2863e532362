/**
 * S3 requests signed once by the real `@aws-sdk/client-s3` and turned into raw HTTP/1.1 bytes, so
 * the load generator can replay them without paying the SDK's cost per request. Capturing from the
 * SDK (instead of hand-rolled SigV4) keeps the wire exactly what the connector's client sends:
 * path style, `x-id`, checksum headers, `amz-sdk-*`, a signature s3rver can verify.
 *
 * @example
 *   const [get] = await signS3Requests('http://127.0.0.1:9000', [new GetObjectCommand({ Bucket: 'b', Key: 'k' })]);
 */
import { type GetObjectCommand, type PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { BENCH_CREDENTIALS, BENCH_REGION } from './bench-target.js';

/** The request as the SDK hands it to its HTTP handler (a subset of `@smithy/types` `HttpRequest`). */
interface CapturedRequest {
  readonly method: string;
  readonly hostname: string;
  readonly port?: number;
  readonly path: string;
  readonly query?: Record<string, string | string[] | null>;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
}

class Captured extends Error {
  constructor(readonly request: CapturedRequest) {
    super('captured');
  }
}

/** The operations the bench replays; add one here to sign it. */
export type SignableS3Command = GetObjectCommand | PutObjectCommand;

function queryString(query: CapturedRequest['query']): string {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(query ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) {
      pairs.push(v === null ? encodeURIComponent(name) : `${encodeURIComponent(name)}=${encodeURIComponent(v)}`);
    }
  }
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
}

function bodyBytes(body: unknown): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string' || body instanceof Uint8Array) return Buffer.from(body);
  throw new Error(
    `Failed to capture a signed S3 request: the SDK produced a ${typeof body} body (a stream?). ` +
      'Pass the body as a Buffer.',
  );
}

/** Raw request bytes: request line, the SDK's headers, keep-alive, body. */
function toRawRequest(request: CapturedRequest): Buffer {
  const body = bodyBytes(request.body);
  const headers: Record<string, string> = { ...request.headers };
  const lower = new Set(Object.keys(headers).map((h) => h.toLowerCase()));
  if (!lower.has('host')) headers.host = `${request.hostname}${request.port ? `:${request.port}` : ''}`;
  if (!lower.has('content-length') && (body.length > 0 || request.method === 'PUT' || request.method === 'POST'))
    headers['content-length'] = String(body.length);
  headers.connection = 'keep-alive';
  const head = [
    `${request.method} ${request.path}${queryString(request.query)} HTTP/1.1`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

/**
 * Signs each command against `endpoint` and returns its raw bytes, in order. The signature carries
 * the current `x-amz-date`, so sign again for each round: servers that verify it allow 15 minutes.
 */
export async function signS3Requests(endpoint: string, commands: readonly SignableS3Command[]): Promise<Buffer[]> {
  const client = new S3Client({
    endpoint,
    region: BENCH_REGION,
    credentials: BENCH_CREDENTIALS,
    maxAttempts: 1,
    // Stops the call where the signed request would go on the wire.
    requestHandler: {
      handle: async (request: CapturedRequest) => {
        throw new Captured(request);
      },
    },
  });
  try {
    const raw: Buffer[] = [];
    for (const command of commands) {
      try {
        await client.send(command);
      } catch (error) {
        if (!(error instanceof Captured)) throw error;
        raw.push(toRawRequest(error.request));
        continue;
      }
      throw new Error('Failed to capture a signed S3 request: the SDK did not call its request handler.');
    }
    return raw;
  } finally {
    client.destroy();
  }
}
