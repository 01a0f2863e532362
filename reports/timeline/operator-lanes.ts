/**
 * The operator's lanes of a timeline, from the result's `operator` section:
 *
 *   /ready          ███200███▌503▐███200██            (green 200, red other, grey no answer)
 *   failed-batch g. ▁▁▂▄▆█▆▄▂▁▁                       (the target's own gauge, a step line)
 *   <breaker gauge> ███0███▌1▐██2█0███           (each breaker-state series it exposes)
 *   alerts: <name>  ░pending░███firing███              (one row per alert, promtool's episodes)
 */
import type { ResultOperatorView, ResultPoint } from '../../harness/result/result-schema.js';
import { escapeXml } from '../writers/escape.js';
import { BREAKER_COLOURS } from './status-class.js';
import { formatTickSeconds } from './time-axis.js';

const ROW = 20;
const FAILED_BATCH_GAUGE = 's3_sentinel_failed_batch_files';
const BREAKER_STATE_ORDER = ['CLOSED', 'OPEN', 'HALF_OPEN'] as const;
export const ALERT_COLOURS = { pending: '#ffb300', firing: '#b71c1c' } as const;

export interface LaneGeometry {
  readonly left: number;
  readonly plotWidth: number;
  readonly endMs: number;
  readonly x: (ms: number) => number;
  readonly label: (y: number, text: string) => string;
}

/** Bands of a change-point series: [startMs, endMs, value]. */
function bands(points: readonly ResultPoint[], endMs: number): [number, number, number | null][] {
  return points.map(([atMs, value], i) => [atMs, points[i + 1]?.[0] ?? endMs, value]);
}

/** Breaker-state series the target exposes: a metric whose name says breaker and state. */
export function breakerStateSeries(view: ResultOperatorView): string[] {
  return Object.keys(view.series)
    .filter((key) => /breaker/i.test(key.split('{')[0]) && /state/i.test(key.split('{')[0]))
    .sort();
}

export function renderOperatorLanes(
  view: ResultOperatorView | undefined,
  top: number,
  g: LaneGeometry,
): { parts: string[]; height: number } {
  if (view === undefined) return { parts: [], height: 0 };
  const parts: string[] = [];
  let y = top;
  const rect = (cls: string, x0: number, x1: number, fill: string, tip: string, extra = ''): string =>
    `<rect class="${cls}" x="${x0.toFixed(1)}" y="${y + 2}" width="${Math.max(2, x1 - x0).toFixed(1)}"` +
    ` height="${ROW - 4}" fill="${fill}"${extra}><title>${escapeXml(tip)}</title></rect>`;
  const span = (a: number, b: number): string => `${formatTickSeconds(a)}–${formatTickSeconds(b)}`;

  parts.push(`<g class="lane lane-ready">`, g.label(y + 14, '/ready'));
  for (const [a, b, v] of bands(view.ready, g.endMs)) {
    const fill = v === 200 ? '#66bb6a' : v === null ? '#b0bec5' : '#e53935';
    parts.push(rect('ready', g.x(a), g.x(b), fill, `/ready ${v ?? 'no answer'} ${span(a, b)}`));
  }
  parts.push(`</g>`);
  y += ROW;

  const gauge = Object.entries(view.series).find(([key]) => key.split('{')[0] === FAILED_BATCH_GAUGE)?.[1];
  parts.push(`<g class="lane lane-gauge">`, g.label(y + 14, 'failed-batch gauge'));
  if (gauge === undefined)
    parts.push(`<text x="${g.left + 4}" y="${y + 14}" font-size="11" fill="#78909c">not exposed</text>`);
  else {
    const peak = Math.max(1, ...gauge.map(([, v]) => v ?? 0));
    const py = (v: number): number => y + ROW - 3 - (v / peak) * (ROW - 6);
    let d = `M${g.x(0).toFixed(1)},${py(0).toFixed(1)}`;
    for (const [atMs, v] of gauge) d += ` H${g.x(atMs).toFixed(1)} V${py(v ?? 0).toFixed(1)}`;
    parts.push(
      `<rect x="${g.left}" y="${y + 1}" width="${g.plotWidth}" height="${ROW - 2}" fill="#fafafa"/>`,
      `<path d="${d} H${g.x(g.endMs).toFixed(1)}" fill="none" stroke="#6d4c41" stroke-width="1.8">` +
        `<title>${escapeXml(`${FAILED_BATCH_GAUGE}, peak ${peak}`)}</title></path>`,
    );
  }
  parts.push(`</g>`);
  y += ROW;

  for (const key of breakerStateSeries(view)) {
    // `s3_x_state{breaker="aws-s3"}` → `state aws-s3`: the label values name the breaker.
    const values = [...key.matchAll(/="((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]).join(' ');
    parts.push(`<g class="lane lane-breaker-gauge">`, g.label(y + 14, `state gauge ${values}`));
    for (const [a, b, v] of bands(view.series[key], g.endMs)) {
      const state = v === null ? undefined : BREAKER_STATE_ORDER[v];
      const fill = state ? BREAKER_COLOURS[state] : '#b0bec5';
      parts.push(
        rect('breaker-gauge', g.x(a), g.x(b), fill, `${key} = ${v ?? 'absent'} ${span(a, b)}`, ' fill-opacity="0.75"'),
      );
    }
    parts.push(`</g>`);
    y += ROW;
  }

  const names = [...new Set(view.alerts.map((a) => a.alertname))].sort();
  parts.push(`<g class="lane lane-alerts">`);
  if (names.length === 0) {
    parts.push(g.label(y + 14, 'alerts'));
    const why =
      view.alertRules.rules.length === 0
        ? 'no alert rules'
        : view.evaluation?.error
          ? 'rules not evaluated'
          : 'no alert fired';
    parts.push(`<text x="${g.left + 4}" y="${y + 14}" font-size="11" fill="#78909c">${why}</text>`);
    y += ROW;
  }
  for (const name of names) {
    parts.push(g.label(y + 14, `alert ${name}`));
    for (const e of view.alerts.filter((a) => a.alertname === name)) {
      const end = e.endedAtMs ?? g.endMs;
      const firingFrom = e.firingAtMs ?? end;
      if (firingFrom > e.pendingAtMs)
        parts.push(
          rect(
            'alert-pending',
            g.x(e.pendingAtMs),
            g.x(firingFrom),
            ALERT_COLOURS.pending,
            `${name} pending ${span(e.pendingAtMs, firingFrom)}`,
          ),
        );
      if (e.firingAtMs !== null)
        parts.push(
          rect(
            'alert-firing',
            g.x(e.firingAtMs),
            g.x(end),
            ALERT_COLOURS.firing,
            `${name} firing ${span(e.firingAtMs, end)}`,
          ),
        );
    }
    y += ROW;
  }
  parts.push(`</g>`);
  return { parts, height: y - top + 8 };
}
