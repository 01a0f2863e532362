/**
 * Parses SigV4 credentials from an `Authorization` header or from presigned-URL query parameters.
 *
 *   AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/s3/aws4_request,
 *                    SignedHeaders=host;x-amz-date, Signature=<64 hex>
 */

export interface SigV4Credential {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly terminator: string;
}

export interface ParsedSigV4 {
  readonly source: 'header' | 'query';
  readonly credential: SigV4Credential;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

/** Result of parsing: none sent, parsed, or malformed with a reason. */
export type SigV4ParseResult =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'parsed'; readonly auth: ParsedSigV4 }
  | { readonly kind: 'malformed'; readonly reason: string };

const ALGORITHM = 'AWS4-HMAC-SHA256';

function parseCredential(text: string): SigV4Credential | string {
  const parts = text.split('/');
  if (parts.length !== 5 || parts.some((p) => p === ''))
    return `the Credential "${text}" is not <key>/<date>/<region>/<service>/aws4_request`;
  const [accessKeyId, date, region, service, terminator] = parts as [string, string, string, string, string];
  if (!/^\d{8}$/.test(date)) return `the credential date "${date}" is not YYYYMMDD`;
  if (terminator !== 'aws4_request') return `the credential terminator "${terminator}" is not aws4_request`;
  return { accessKeyId, date, region, service, terminator };
}

function build(
  source: 'header' | 'query',
  credentialText: string | undefined,
  signedHeadersText: string | undefined,
  signature: string | undefined,
): SigV4ParseResult {
  if (!credentialText || !signedHeadersText || !signature)
    return { kind: 'malformed', reason: 'Credential, SignedHeaders and Signature are all required' };
  const credential = parseCredential(credentialText);
  if (typeof credential === 'string') return { kind: 'malformed', reason: credential };
  if (!/^[0-9a-f]{64}$/.test(signature))
    return { kind: 'malformed', reason: 'the Signature is not 64 lowercase hex digits' };
  const signedHeaders = signedHeadersText.split(';');
  if (signedHeaders.some((h) => h === '' || h !== h.toLowerCase()))
    return { kind: 'malformed', reason: 'SignedHeaders must be lowercase names separated by ;' };
  return { kind: 'parsed', auth: { source, credential, signedHeaders, signature } };
}

/**
 * @example parseSigV4(headers, query).kind // 'anonymous' | 'parsed' | 'malformed'
 */
export function parseSigV4(headers: Record<string, unknown>, query: URLSearchParams): SigV4ParseResult {
  const header = headers.authorization;
  if (typeof header === 'string' && header !== '') {
    if (!header.startsWith(`${ALGORITHM} `)) {
      return { kind: 'malformed', reason: `the authorization mechanism is not ${ALGORITHM} (SigV2 is not supported)` };
    }
    const fields = new Map<string, string>();
    for (const part of header.slice(ALGORITHM.length + 1).split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
    return build('header', fields.get('Credential'), fields.get('SignedHeaders'), fields.get('Signature'));
  }
  if (query.has('X-Amz-Algorithm')) {
    if (query.get('X-Amz-Algorithm') !== ALGORITHM)
      return { kind: 'malformed', reason: `X-Amz-Algorithm is not ${ALGORITHM}` };
    return build(
      'query',
      query.get('X-Amz-Credential') ?? undefined,
      query.get('X-Amz-SignedHeaders') ?? undefined,
      query.get('X-Amz-Signature') ?? undefined,
    );
  }
  return { kind: 'anonymous' };
}
