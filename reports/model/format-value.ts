/**
 * One-line text for an expectation's `expected` / `observed` value (typed `unknown` in the
 * result file): strings as is, numbers with `_`-free digits, objects as compact JSON.
 * Long values are cut with an ellipsis so a table cell stays readable.
 * @example formatValue({ maxMs: 90_000 }) // '{"maxMs":90000}'
 */
export function formatValue(value: unknown, maxLength = 300): string {
  let text: string;
  if (value === undefined) text = '—';
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean' || value === null) text = String(value);
  else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) text = value.join(' → ');
  else {
    try {
      text = JSON.stringify(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/** Target milliseconds as seconds with one decimal: `12_345` → `12.3 s`. */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
