/**
 * Canary values: fake credential- and PII-shaped strings that seeded records carry in an ordinary
 * field (the rule name), so a connector that logs record content leaks one into its stdout or
 * stderr, where `no_canary_in_logs` finds it. None is a real secret or a real person: each is a
 * documented example value or built to be recognisable as ours (`CANARY`).
 */
export interface Canary {
  /** What the value looks like, shown in place of it when masked. */
  readonly shape: string;
  readonly value: string;
}

export const CANARIES: readonly Canary[] = [
  { shape: 'aws-access-key-id', value: 'AKIACANARY7Q3ZEXAMPL' },
  { shape: 'github-token', value: 'ghp_CanaryT0kenNotReal9f3Kx2Lm8Qz1Wv5Yb7Np' },
  { shape: 'password', value: 'password=Canary-Hunter2!' },
  { shape: 'email', value: 'canary.jane.doe@example.com' },
  { shape: 'us-ssn', value: '078-05-1120' },
  { shape: 'card-number', value: '4111-1111-1111-1111' },
];

/** The canary record `n` carries (every record carries one). */
export function canaryFor(n: number): Canary {
  return CANARIES[n % CANARIES.length] as Canary;
}

/**
 * The head of every bearer token the identity fake issues (`{"typ":"JWT","alg":"none"}`, base64url,
 * then the dot): a token in a log line starts with it whatever its claims.
 */
export const FAKE_TOKEN_HEAD = `${Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'none' })).toString('base64url')}.`;
const FAKE_TOKEN = new RegExp(`${FAKE_TOKEN_HEAD.replace('.', '\\.')}[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]*)?`, 'g');

export interface CanaryHit {
  readonly shapes: readonly string[];
  /** The line with every canary and token replaced by `[canary:<shape>]` / `[fake bearer token]`. */
  readonly masked: string;
}

/** The canaries and fake tokens in `line`, or null when it holds none. */
export function findCanaries(line: string): CanaryHit | null {
  const shapes: string[] = [];
  let masked = line;
  for (const canary of CANARIES)
    if (masked.includes(canary.value)) {
      shapes.push(canary.shape);
      masked = masked.split(canary.value).join(`[canary:${canary.shape}]`);
    }
  const tokens = masked.replace(FAKE_TOKEN, '[fake bearer token]');
  if (tokens !== masked) shapes.push('bearer-token');
  return shapes.length === 0 ? null : { shapes, masked: tokens };
}
