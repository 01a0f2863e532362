/**
 * Scrapes → promtool `input_series`, in TARGET time: scrape i lands in the slot nearest its
 * target time (slot = round(atMs / intervalMs)), so a rule's `for: 10m` means ten target minutes.
 *
 *   scraped, series present  → its value
 *   scraped, series absent   → `stale` (what Prometheus records when a series disappears)
 *   target down (no answer)  → `stale` for every series, and `up` 0
 *   no scrape in the slot    → `_` (nothing recorded)
 *
 * `up` is added as Prometheus adds it to every scrape. Runs of one value are written
 * `v+0xN` (promtool's expanding notation), so a long run stays short.
 */
import { metricNameOf } from '../observe/parse-exposition.js';

export interface ScrapeSample {
  /** Target ms since time zero. */
  readonly atMs: number;
  /** False: /metrics did not answer (or not in the text format). */
  readonly scraped: boolean;
  readonly metrics: Readonly<Record<string, number>>;
}

export interface InputSeries {
  readonly series: string;
  readonly values: string;
}

export interface SlottedSeries {
  readonly input: InputSeries[];
  /** Number of slots (the last evaluation is at (slots - 1) × intervalMs). */
  readonly slots: number;
  /** Metric names exposed at least once, `up` included. */
  readonly exposedMetrics: string[];
}

export function buildInputSeries(samples: readonly ScrapeSample[], intervalMs: number): SlottedSeries {
  const bySlot = new Map<number, ScrapeSample>();
  for (const sample of samples) {
    if (sample.atMs < 0) continue;
    bySlot.set(Math.round(sample.atMs / intervalMs), sample);
  }
  const slots = bySlot.size === 0 ? 0 : Math.max(...bySlot.keys()) + 1;
  const keys = new Set<string>();
  for (const sample of bySlot.values()) for (const key of Object.keys(sample.metrics)) keys.add(key);
  const input: InputSeries[] = [];
  const up: string[] = [];
  for (let i = 0; i < slots; i += 1) {
    const sample = bySlot.get(i);
    up.push(sample === undefined ? '_' : sample.scraped ? '1' : '0');
  }
  input.push({ series: 'up', values: compact(up) });
  for (const key of [...keys].sort()) {
    const values: string[] = [];
    for (let i = 0; i < slots; i += 1) {
      const sample = bySlot.get(i);
      if (sample === undefined) values.push('_');
      else if (!sample.scraped || !(key in sample.metrics)) values.push('stale');
      else values.push(formatValue(sample.metrics[key]));
    }
    input.push({ series: key, values: compact(values) });
  }
  const exposedMetrics = [...new Set(['up', ...[...keys].map(metricNameOf)])].sort();
  return { input, slots, exposedMetrics };
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

/** `1 1 1 _ _ 2` → `1+0x2 _x2 2`: runs of a finite number or of `_` are expanded by promtool. */
export function compact(values: readonly string[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < values.length) {
    let j = i + 1;
    while (j < values.length && values[j] === values[i]) j += 1;
    const run = j - i;
    const value = values[i];
    const expandable = value === '_' || /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value);
    if (run > 1 && expandable) out.push(value === '_' ? `_x${run}` : `${value}+0x${run - 1}`);
    else for (let k = i; k < j; k += 1) out.push(value);
    i = j;
  }
  return out.join(' ');
}
