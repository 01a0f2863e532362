/**
 * Each record's `JSON.stringify`, cut straight from an upload's JSON text when that text is already
 * in the form `JSON.stringify` gives, without parsing it; undefined whenever that is not certain.
 *
 * It returns records only for a text that is a JSON array of one or more objects such that
 *   JSON.parse(text) succeeds and, for every i, JSON.stringify(JSON.parse(text)[i]) === records[i].
 * For that it accepts a strict subset of JSON, and answers undefined for anything outside it (the
 * caller then parses and serialises as before):
 *   - no whitespace outside strings, no nesting deeper than 32;
 *   - strings: no control characters or lone surrogates, no escapes but \" \\ \b \f \n \r \t (the
 *     ones `JSON.stringify` writes for those characters);
 *   - numbers: as `String(Number(token))` writes them (no 1.0, 1e2, -0, …);
 *   - object keys: none twice in one object, none starting with a digit (V8 puts array-index keys
 *     first, so `JSON.stringify` would reorder them), no `__proto__`.
 *
 * @note Why: for an upload of ~1 MB that nobody observes record by record, `JSON.parse` and the
 * `JSON.stringify` that fingerprinting needed were about half of the Logs Ingestion fake's CPU; this
 * scan costs about a third of the two. SDKs serialise with `JSON.stringify` (JS) or with separators
 * that put spaces in (Python's default), which takes the parsing path as before.
 */

const MAX_DEPTH = 32;
const NOT_CANONICAL = -1;

// Character codes.
const QUOTE = 0x22;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const ONE = 0x31;
const NINE = 0x39;
const COLON = 0x3a;
const UPPER_E = 0x45;
const OPEN_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE_BRACKET = 0x5d;
const LOWER_B = 0x62;
const LOWER_E = 0x65;
const LOWER_F = 0x66;
const LOWER_N = 0x6e;
const LOWER_R = 0x72;
const LOWER_T = 0x74;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const PLUS = 0x2b;

/** Start and end offsets of the keys of the objects being scanned, a stack nested objects share. */
let keys = new Int32Array(256);
let keyTop = 0;

/** Characters a string may not hold literally: controls and surrogates (pairs are checked one by one). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNUSUAL = /[\u0000-\u001f\ud800-\udfff]/;
/**
 * True while scanning a text with no backslash and no unusual character anywhere: every string in
 * it then ends at the next quote, which `indexOf` finds far faster than a loop over its characters.
 */
let plainStrings = false;

export function scanCanonicalRecords(text: string): string[] | undefined {
  const last = text.length - 1;
  if (text.charCodeAt(0) !== OPEN_BRACKET || text.charCodeAt(last) !== CLOSE_BRACKET) return undefined;
  const records: string[] = [];
  keyTop = 0;
  plainStrings = text.indexOf('\\') < 0 && !UNUSUAL.test(text);
  for (let at = 1; ; ) {
    if (text.charCodeAt(at) !== OPEN_BRACE) return undefined;
    const end = scanObject(text, at, 0);
    if (end === NOT_CANONICAL) return undefined;
    records.push(text.slice(at, end));
    const next = text.charCodeAt(end);
    if (next === CLOSE_BRACKET) return end === last ? records : undefined;
    if (next !== COMMA) return undefined;
    at = end + 1;
  }
}

/** `text[at]` is `{`: the offset after its closing `}`, or NOT_CANONICAL. */
function scanObject(text: string, at: number, depth: number): number {
  if (depth > MAX_DEPTH) return NOT_CANONICAL;
  let i = at + 1;
  if (text.charCodeAt(i) === CLOSE_BRACE) return i + 1;
  const base = keyTop;
  for (;;) {
    const keyEnd = scanKey(text, i, base);
    if (keyEnd === NOT_CANONICAL || text.charCodeAt(keyEnd) !== COLON) return leave(base);
    i = scanValue(text, keyEnd + 1, depth);
    if (i === NOT_CANONICAL) return leave(base);
    const next = text.charCodeAt(i);
    if (next === CLOSE_BRACE) {
      keyTop = base;
      return i + 1;
    }
    if (next !== COMMA) return leave(base);
    i++;
  }
}

function leave(base: number): number {
  keyTop = base;
  return NOT_CANONICAL;
}

/** A key of the object whose keys start at `keys[base]`: the offset after it, or NOT_CANONICAL. */
function scanKey(text: string, at: number, base: number): number {
  if (text.charCodeAt(at) !== QUOTE) return NOT_CANONICAL;
  const first = text.charCodeAt(at + 1);
  if (first >= ZERO && first <= NINE) return NOT_CANONICAL;
  const end = scanString(text, at);
  if (end === NOT_CANONICAL) return NOT_CANONICAL;
  const length = end - at;
  if (length === 11 && text.startsWith('"__proto__"', at)) return NOT_CANONICAL;
  for (let k = base; k < keyTop; k += 2) {
    if (keys[k + 1] - keys[k] === length && sameText(text, keys[k], at, length)) return NOT_CANONICAL;
  }
  if (keyTop + 2 > keys.length) {
    const grown = new Int32Array(keys.length * 2);
    grown.set(keys);
    keys = grown;
  }
  keys[keyTop++] = at;
  keys[keyTop++] = end;
  return end;
}

function sameText(text: string, a: number, b: number, length: number): boolean {
  for (let j = 0; j < length; j++) if (text.charCodeAt(a + j) !== text.charCodeAt(b + j)) return false;
  return true;
}

function scanValue(text: string, at: number, depth: number): number {
  switch (text.charCodeAt(at)) {
    case QUOTE:
      return scanString(text, at);
    case OPEN_BRACE:
      return scanObject(text, at, depth + 1);
    case OPEN_BRACKET:
      return scanArray(text, at, depth + 1);
    case LOWER_T:
      return text.startsWith('true', at) ? at + 4 : NOT_CANONICAL;
    case LOWER_F:
      return text.startsWith('false', at) ? at + 5 : NOT_CANONICAL;
    case LOWER_N:
      return text.startsWith('null', at) ? at + 4 : NOT_CANONICAL;
    default:
      return scanNumber(text, at);
  }
}

function scanArray(text: string, at: number, depth: number): number {
  if (depth > MAX_DEPTH) return NOT_CANONICAL;
  let i = at + 1;
  if (text.charCodeAt(i) === CLOSE_BRACKET) return i + 1;
  for (;;) {
    i = scanValue(text, i, depth);
    if (i === NOT_CANONICAL) return NOT_CANONICAL;
    const next = text.charCodeAt(i);
    if (next === CLOSE_BRACKET) return i + 1;
    if (next !== COMMA) return NOT_CANONICAL;
    i++;
  }
}

/** `text[at]` is `"`: the offset after the closing quote, or NOT_CANONICAL. */
function scanString(text: string, at: number): number {
  if (plainStrings) {
    const end = text.indexOf('"', at + 1);
    return end < 0 ? NOT_CANONICAL : end + 1;
  }
  for (let i = at + 1; ; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i + 1;
    if (c === BACKSLASH) {
      const e = text.charCodeAt(++i);
      if (e === QUOTE || e === BACKSLASH || e === LOWER_B || e === LOWER_F) continue;
      if (e === LOWER_N || e === LOWER_R || e === LOWER_T) continue;
      return NOT_CANONICAL;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      // A pair is written as it is; a lone surrogate would be escaped.
      const low = text.charCodeAt(i + 1);
      if (c >= 0xdc00 || !(low >= 0xdc00 && low <= 0xdfff)) return NOT_CANONICAL;
      i++;
      continue;
    }
    // @note `c < 0x20` is false for NaN (past the end), hence the explicit check.
    if (c < 0x20 || Number.isNaN(c)) return NOT_CANONICAL;
  }
}

function scanNumber(text: string, at: number): number {
  let i = at;
  let c = text.charCodeAt(i);
  if (c === MINUS) c = text.charCodeAt(++i);
  if (c === ZERO) c = text.charCodeAt(++i);
  else if (c >= ONE && c <= NINE) i = skipDigits(text, i + 1);
  else return NOT_CANONICAL;
  let integer = true;
  if (text.charCodeAt(i) === DOT) {
    integer = false;
    if (!isDigit(text.charCodeAt(i + 1))) return NOT_CANONICAL;
    i = skipDigits(text, i + 1);
  }
  c = text.charCodeAt(i);
  if (c === LOWER_E || c === UPPER_E) {
    integer = false;
    c = text.charCodeAt(++i);
    if (c === PLUS || c === MINUS) i++;
    if (!isDigit(text.charCodeAt(i))) return NOT_CANONICAL;
    i = skipDigits(text, i);
  }
  const length = i - at;
  // Integers of up to 15 characters are exact doubles, printed back digit for digit (but -0).
  if (integer && length <= 15) return length === 2 && text.startsWith('-0', at) ? NOT_CANONICAL : i;
  const token = text.slice(at, i);
  return String(Number(token)) === token ? i : NOT_CANONICAL;
}

function skipDigits(text: string, at: number): number {
  let i = at;
  while (isDigit(text.charCodeAt(i))) i++;
  return i;
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}
