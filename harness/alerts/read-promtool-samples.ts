/**
 * Reads what `promtool test rules` printed for a failing `promql_expr_test`:
 *
 *       expr: "ALERTS", time: 1m30s,
 *           exp: nil
 *           got: {__name__="ALERTS", alertname="X", alertstate="firing"} 1E+00, {…} 1E+00
 *
 * The harness asks for no samples at every evaluation, so each failure lists the alerts active
 * then. Label sets are Go's labels.String(): `{name="quoted value", …}`, read with a small
 * scanner that honours quotes (a value may hold `, ` or `}`).
 */

export interface PromtoolGot {
  /** Target ms of the evaluation. */
  readonly atMs: number;
  readonly samples: readonly Readonly<Record<string, string>>[];
}

/** Every `expr: …, time: …` failure block with its `got:` samples. */
export function readPromtoolFailures(output: string): PromtoolGot[] {
  const out: PromtoolGot[] = [];
  let atMs: number | null = null;
  for (const line of output.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.startsWith('expr: ')) {
      const at = trimmed.lastIndexOf(', time: ');
      atMs = at < 0 ? null : parseGoDurationMs(trimmed.slice(at + ', time: '.length).replace(/,$/, ''));
    } else if (trimmed.startsWith('got: ') && atMs !== null) {
      out.push({ atMs, samples: readLabelSets(trimmed.slice('got: '.length)) });
      atMs = null;
    }
  }
  return out;
}

/** The label sets in `{a="x", b="y"} 1E+00, {…} 1E+00` (values after each set are skipped). */
export function readLabelSets(text: string): Record<string, string>[] {
  const sets: Record<string, string>[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '{') {
      i += 1;
      continue;
    }
    i += 1;
    const labels: Record<string, string> = {};
    while (i < text.length && text[i] !== '}') {
      while (text[i] === ' ' || text[i] === ',') i += 1;
      if (text[i] === '}') break;
      const eq = text.indexOf('=', i);
      const name = text.slice(i, eq);
      i = eq + 1;
      const start = i;
      i += 1; // opening quote
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i += 1; // closing quote
      labels[name] = unquote(text.slice(start, i));
    }
    i += 1;
    sets.push(labels);
  }
  return sets;
}

/** Go's strconv.Quote output → the string (JSON's escapes are a superset for what labels hold). */
function unquote(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}

const GO_UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1, µs: 0.001, ns: 1e-6 };

/** Go's time.Duration.String() (`1h2m3.5s`, `500ms`, `0s`) → ms, or null. */
export function parseGoDurationMs(text: string): number | null {
  let rest = text.trim();
  if (rest === '0s' || rest === '0') return 0;
  let total = 0;
  while (rest.length > 0) {
    let n = 0;
    while (n < rest.length && ((rest[n] >= '0' && rest[n] <= '9') || rest[n] === '.')) n += 1;
    if (n === 0) return null;
    const unit = ['ms', 'µs', 'ns', 'h', 'm', 's'].find((u) => rest.slice(n).startsWith(u));
    if (unit === undefined) return null;
    total += Number(rest.slice(0, n)) * GO_UNIT_MS[unit];
    rest = rest.slice(n + unit.length);
  }
  return Math.round(total);
}
