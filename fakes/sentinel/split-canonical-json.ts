/**
 * `JSON.stringify` of each record, cut from one `JSON.stringify` of the whole array (fewer calls,
 * and the cuts are cheap substrings), or undefined when the cuts are ambiguous.
 * @note Between two object elements the array's JSON always has "},{"; when the text holds exactly
 * `length - 1` of them, none is inside a string or a nested value, so every one is a boundary.
 * That needs every element to serialise as an object: `values` must come from `JSON.parse`.
 */
export function splitCanonicalJson(values: readonly unknown[]): string[] | undefined {
  if (values.length < 2) return undefined;
  for (const value of values) if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const text = JSON.stringify(values);
  const out = new Array<string>(values.length);
  let start = 1;
  for (let i = 0; i < values.length - 1; i++) {
    const at = text.indexOf('},{', start);
    if (at < 0) return undefined;
    out[i] = text.slice(start, at + 1);
    start = at + 2;
  }
  if (text.indexOf('},{', start) >= 0) return undefined;
  out[values.length - 1] = text.slice(start, text.length - 1);
  return out;
}
