/**
 * A Prometheus duration (`10m`, `1h30m`, `500ms`, `0s`) in ms, or null when it is not one.
 * The units and their order are Prometheus's (model.ParseDuration): y, w, d, h, m, s, ms.
 *
 * @example parsePrometheusDurationMs('1h30m') // 5_400_000
 */
const UNIT_MS: Readonly<Record<string, number>> = {
  y: 365 * 86_400_000,
  w: 7 * 86_400_000,
  d: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
  ms: 1,
};
const ORDER = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];

export function parsePrometheusDurationMs(text: string): number | null {
  if (text === '0') return 0;
  let total = 0;
  let rest = text;
  let lastUnit = -1;
  while (rest.length > 0) {
    let digits = 0;
    while (digits < rest.length && rest[digits] >= '0' && rest[digits] <= '9') digits += 1;
    if (digits === 0) return null;
    const unit = rest.slice(digits).startsWith('ms') ? 'ms' : rest[digits];
    const index = ORDER.indexOf(unit);
    if (index <= lastUnit) return null;
    lastUnit = index;
    total += Number(rest.slice(0, digits)) * UNIT_MS[unit];
    rest = rest.slice(digits + unit.length);
  }
  return text === '' ? null : total;
}

/** ms → the shortest Prometheus duration (`90000` → `1m30s`). */
export function formatPrometheusDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = Math.round(ms);
  let out = '';
  for (const unit of ORDER) {
    const size = UNIT_MS[unit];
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return out;
}
