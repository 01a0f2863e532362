/**
 * The per-scenario timeline picture, as one self-contained SVG string (no scripts, no
 * external fonts or images). Readers look at it before any table, so everything is encoded
 * by colour and position with a legend, and text inside the picture is only labels:
 *
 *   fault windows   ▓▓HTTP sentinel 503▓▓        ░░NET keyvault latency░░
 *   azure-sentinel  ███CLOSED███▌OPEN▐█HALF████CLOSED████████   (state bands)
 *   /ready, gauges, alerts (operator-lanes.ts: pending ░ firing █)
 *   sentinel reqs   ▮▮ ▮▮▮  ▮ ▮     ▮ ▮▮▮▮▮▮                    (marks by status)
 *   chart           failed-batch files (left axis) · delivered records (right axis)
 *   0s ── 10s ── 20s ──  …  target seconds
 *   legend
 */
import type { ScenarioResultFile } from '../../harness/result/result-schema.js';
import { escapeXml } from '../writers/escape.js';
import { renderOperatorLanes } from './operator-lanes.js';
import { BREAKER_COLOURS, FAULT_LAYER_STYLE, LINE_STYLE, STATUS_CLASSES } from './status-class.js';
import { formatTickSeconds, timeTicks } from './time-axis.js';
import { buildTimelineData } from './timeline-data.js';
import { renderTimelineLegend } from './timeline-legend.js';

const WIDTH = 1_000;
const LEFT = 160;
const RIGHT = 70;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;
const FAULT_ROW = 18;
const BREAKER_ROW = 22;
const REQUEST_SUBROW = 6;
const CHART_HEIGHT = 110;
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"';

export interface TimelineSvgOptions {
  /** Prefix for ids inside the SVG (patterns), unique per document when several SVGs share one page. */
  readonly idPrefix?: string;
}

/** @example const svg = renderTimelineSvg(result, { idPrefix: 'tl-rate-limit' }); */
export function renderTimelineSvg(result: ScenarioResultFile, options: TimelineSvgOptions = {}): string {
  const data = buildTimelineData(result);
  const id = (options.idPrefix ?? `tl-${result.scenario}`).replace(/[^A-Za-z0-9_-]/g, '-');
  const x = (ms: number): number => LEFT + (Math.min(Math.max(ms, 0), data.endMs) / data.endMs) * PLOT_WIDTH;
  const out: string[] = [];
  const label = (
    y: number,
    text: string,
    style: { fill?: string; bold?: boolean; size?: number; inset?: number } = {},
  ): string =>
    `<text x="${LEFT - (style.inset ?? 8)}" y="${y}" text-anchor="end" font-size="${style.size ?? 12}"` +
    ` fill="${style.fill ?? '#263238'}"${style.bold ? ' font-weight="600"' : ''}>${escapeXml(text)}</text>`;
  let y = 34;

  // Fault windows: one labelled bar per fault, and a shaded column across every lane below.
  const faultTop = y;
  const faultRows = Math.max(1, data.faults.length);
  out.push(label(faultTop + 13, 'fault windows', { bold: true }));
  if (data.faults.length === 0)
    out.push(`<text x="${LEFT + 4}" y="${faultTop + 13}" font-size="11" fill="#78909c">no faults injected</text>`);
  data.faults.forEach((fault, i) => {
    const style = FAULT_LAYER_STYLE[fault.layer];
    const x0 = x(fault.startMs);
    const w = Math.max(2, x(fault.endMs) - x0);
    const rowY = faultTop + i * FAULT_ROW;
    out.push(
      `<rect class="fault fault-${fault.layer}" x="${x0.toFixed(1)}" y="${rowY + 2}"` +
        ` width="${w.toFixed(1)}" height="${FAULT_ROW - 4}" fill="url(#${id}-${fault.layer})"` +
        ` stroke="${style.colour}" stroke-width="1.2"${fault.open ? ' stroke-dasharray="4 2"' : ''}/>`,
    );
    const textX = Math.min(x0 + 4, LEFT + PLOT_WIDTH - 4);
    out.push(
      `<text x="${textX.toFixed(1)}" y="${rowY + 13}" font-size="11" fill="${style.colour}" font-weight="600"` +
        ` paint-order="stroke" stroke="#fff" stroke-width="3">${escapeXml(fault.label)}</text>`,
    );
  });
  y = faultTop + faultRows * FAULT_ROW + 4;

  // Steps: numbered markers (numbers as in the steps table), alternating rows so neighbours stay apart.
  const stepMarks: string[] = [];
  if (data.steps.length > 0) {
    stepMarks.push(label(y + 15, 'steps', { bold: true }));
    data.steps.forEach((step, i) => {
      const sx = x(step.atMs);
      const sy = y + 8 + (i % 2) * 12;
      const tooltip = `step ${step.number}: ${step.name} at ${formatTickSeconds(step.atMs)}`;
      stepMarks.push(
        `<g class="step"><title>${escapeXml(tooltip)}</title>` +
          `<circle cx="${sx.toFixed(1)}" cy="${sy}" r="6.5" fill="#37474f"/>` +
          `<text x="${sx.toFixed(1)}" y="${sy + 3.5}" text-anchor="middle"` +
          ` font-size="9" font-weight="700" fill="#fff">${step.number}</text></g>`,
      );
    });
    y += 28;
  }
  y += 4;
  const shadeTop = y;

  // Breaker state bands.
  const bands: string[] = [];
  if (data.breakers.length === 0)
    bands.push(
      label(y + 15, 'breakers'),
      `<text x="${LEFT + 4}" y="${y + 15}" font-size="11" fill="#78909c">no breaker seen</text>`,
    );
  for (const breaker of data.breakers) {
    bands.push(label(y + 15, breaker.name));
    // Wide bands first, then the short ones on top: a HALF_OPEN that lasts milliseconds must
    // still show, so it is drawn at least 3 px wide and not hidden by its neighbour.
    const ordered = [...breaker.bands].sort(
      (a, b) => Number(x(a.endMs) - x(a.startMs) < 3) - Number(x(b.endMs) - x(b.startMs) < 3),
    );
    for (const band of ordered) {
      const x0 = x(band.startMs);
      const w = Math.max(3, x(band.endMs) - x0);
      const span = `${formatTickSeconds(band.startMs)}–${formatTickSeconds(band.endMs)}`;
      const tooltip = `${breaker.name} ${band.state} ${span}`;
      bands.push(
        `<rect x="${x0.toFixed(1)}" y="${y + 2}" width="${w.toFixed(1)}" height="${BREAKER_ROW - 4}"` +
          ` fill="${BREAKER_COLOURS[band.state]}"><title>${escapeXml(tooltip)}</title></rect>`,
      );
      if (w > band.state.length * 7 + 6) {
        const fill = band.state === 'HALF_OPEN' ? '#263238' : '#fff';
        bands.push(
          `<text x="${(x0 + w / 2).toFixed(1)}" y="${y + 15}" text-anchor="middle" font-size="10" font-weight="700"` +
            ` fill="${fill}">${band.state}</text>`,
        );
      }
    }
    y += BREAKER_ROW;
  }
  if (data.breakers.length === 0) y += BREAKER_ROW;
  y += 8;

  // The operator's lanes: /ready, the failed-batch gauge, breaker-state series, alerts.
  const operator = renderOperatorLanes(result.operator, y, {
    left: LEFT,
    plotWidth: PLOT_WIDTH,
    endMs: data.endMs,
    x,
    label,
  });
  y += operator.height;

  // Requests: one lane per service, one sub-row per status class, one mark per pixel column.
  const marks: string[] = [];
  const laneBackgrounds: string[] = [];
  const laneHeight = STATUS_CLASSES.length * REQUEST_SUBROW + 4;
  if (data.services.length === 0)
    marks.push(
      label(y + 14, 'requests'),
      `<text x="${LEFT + 4}" y="${y + 14}" font-size="11" fill="#78909c">no requests recorded</text>`,
    );
  for (const service of data.services) {
    marks.push(label(y + laneHeight / 2 + 4, `${service} requests`));
    laneBackgrounds.push(`<rect x="${LEFT}" y="${y}" width="${PLOT_WIDTH}" height="${laneHeight}" fill="#f5f7f8"/>`);
    const seen = new Set<string>();
    for (const request of data.requests) {
      if (request.service !== service) continue;
      const px = Math.round(x(request.atMs));
      const key = `${request.statusClass}:${px}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const row = STATUS_CLASSES.findIndex((c) => c.id === request.statusClass);
      const status = STATUS_CLASSES[row];
      if (!status) throw new Error(`Failed to draw the timeline: unknown status class "${request.statusClass}".`);
      const colour = status.colour;
      marks.push(
        `<rect x="${px - 1.5}" y="${y + 2 + row * REQUEST_SUBROW}" width="3" height="${REQUEST_SUBROW - 1}"` +
          ` fill="${colour}"/>`,
      );
    }
    y += laneHeight + 4;
  }
  if (data.services.length === 0) y += laneHeight + 4;
  y += 10;

  // Chart: failed-batch files (left axis) and delivered records (right axis) as step lines.
  const chartTop = y;
  const chartBottom = y + CHART_HEIGHT;
  const peakFiles = Math.max(0, ...data.samples.map((s) => s.failedBatchFiles));
  const peakDelivered = Math.max(0, ...data.samples.map((s) => s.deliveredRecords));
  // Axes end on a round number so the half-way tick is a short, round label too.
  const maxFiles = niceCeiling(peakFiles);
  const maxDelivered = niceCeiling(peakDelivered);
  const chart: string[] = [
    `<rect x="${LEFT}" y="${chartTop}" width="${PLOT_WIDTH}" height="${CHART_HEIGHT}" fill="none" stroke="#b0bec5"/>`,
    label(chartTop + 14, LINE_STYLE.failedBatchFiles.label, {
      fill: LINE_STYLE.failedBatchFiles.colour,
      bold: true,
      inset: 34,
    }),
    label(chartTop + 30, `(left axis, peak ${peakFiles})`, {
      fill: LINE_STYLE.failedBatchFiles.colour,
      size: 10,
      inset: 34,
    }),
    label(chartTop + 56, LINE_STYLE.deliveredRecords.label, {
      fill: LINE_STYLE.deliveredRecords.colour,
      bold: true,
      inset: 34,
    }),
    label(chartTop + 72, `(right axis, peak ${peakDelivered})`, {
      fill: LINE_STYLE.deliveredRecords.colour,
      size: 10,
      inset: 34,
    }),
  ];
  for (const fraction of [0, 0.5, 1]) {
    // With both maxima at 1 a half-way gridline only adds a meaningless "0.5".
    if (fraction === 0.5 && maxFiles < 2 && maxDelivered < 2) continue;
    const gy = chartBottom - fraction * CHART_HEIGHT;
    chart.push(`<line x1="${LEFT}" x2="${LEFT + PLOT_WIDTH}" y1="${gy}" y2="${gy}" stroke="#eceff1"/>`);
    chart.push(
      `<text x="${LEFT - 4}" y="${gy + 4}" text-anchor="end" font-size="10"` +
        ` fill="${LINE_STYLE.failedBatchFiles.colour}">${formatCount(maxFiles * fraction)}</text>`,
    );
    chart.push(
      `<text x="${LEFT + PLOT_WIDTH + 4}" y="${gy + 4}" font-size="10"` +
        ` fill="${LINE_STYLE.deliveredRecords.colour}">${formatCount(maxDelivered * fraction)}</text>`,
    );
  }
  const stepPath = (values: readonly { atMs: number; v: number }[], max: number): string => {
    if (values.length === 0) return '';
    const py = (v: number): number => chartBottom - (v / max) * (CHART_HEIGHT - 4);
    let d = `M${x(0).toFixed(1)},${py(0).toFixed(1)}`;
    for (const point of values) d += ` H${x(point.atMs).toFixed(1)} V${py(point.v).toFixed(1)}`;
    return `${d} H${x(data.endMs).toFixed(1)}`;
  };
  const filesPath = stepPath(
    data.samples.map((s) => ({ atMs: s.atMs, v: s.failedBatchFiles })),
    maxFiles,
  );
  const deliveredPath = stepPath(
    data.samples.map((s) => ({ atMs: s.atMs, v: s.deliveredRecords })),
    maxDelivered,
  );
  if (deliveredPath)
    chart.push(
      `<path d="${deliveredPath}" fill="none" stroke="${LINE_STYLE.deliveredRecords.colour}" stroke-width="2.5"/>`,
    );
  if (filesPath)
    chart.push(
      `<path d="${filesPath}" fill="none" stroke="${LINE_STYLE.failedBatchFiles.colour}"` +
        ` stroke-width="2.5" stroke-dasharray="6 3"/>`,
    );
  if (data.samples.length === 0)
    chart.push(`<text x="${LEFT + 6}" y="${chartTop + 16}" font-size="11" fill="#78909c">no samples recorded</text>`);
  y = chartBottom;

  // Shading of fault windows behind lanes and chart, so cause and effect line up vertically.
  const shading = data.faults.map((fault) => {
    const x0 = x(fault.startMs);
    const w = Math.max(2, x(fault.endMs) - x0);
    return (
      `<rect x="${x0.toFixed(1)}" y="${shadeTop}" width="${w.toFixed(1)}" height="${y - shadeTop}"` +
      ` fill="${FAULT_LAYER_STYLE[fault.layer].colour}" fill-opacity="0.09"/>`
    );
  });

  // Time axis in target seconds.
  const axis: string[] = [`<line x1="${LEFT}" x2="${LEFT + PLOT_WIDTH}" y1="${y}" y2="${y}" stroke="#455a64"/>`];
  for (const tick of timeTicks(data.endMs)) {
    const tx = x(tick);
    axis.push(
      `<line x1="${tx.toFixed(1)}" x2="${tx.toFixed(1)}" y1="${shadeTop}" y2="${y + 4}"` +
        ` stroke="#cfd8dc" stroke-width="0.6"/>`,
    );
    axis.push(
      `<text x="${tx.toFixed(1)}" y="${y + 16}" text-anchor="middle" font-size="11" fill="#37474f">` +
        `${formatTickSeconds(tick)}</text>`,
    );
  }
  for (const step of data.steps)
    axis.push(
      `<line x1="${x(step.atMs).toFixed(1)}" x2="${x(step.atMs).toFixed(1)}" y1="${shadeTop}" y2="${y}"` +
        ` stroke="#37474f" stroke-width="0.8" stroke-dasharray="2 3" stroke-opacity="0.6"/>`,
    );
  axis.push(
    `<text x="${LEFT + PLOT_WIDTH / 2}" y="${y + 32}" text-anchor="middle" font-size="11" fill="#546e7a">` +
      `target time (seconds since start, time scale ×${escapeXml(String(result.timeScale))})</text>`,
  );
  y += 46;

  const legend = renderTimelineLegend(id, y, WIDTH);
  y += legend.height;

  const title = `${result.scenario}: ${result.title} (${result.verdict})`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" aria-labelledby="${id}-title"` +
      ` width="${WIDTH}" height="${y}" viewBox="0 0 ${WIDTH} ${y}" ${FONT}>`,
    `<title id="${id}-title">${escapeXml(`Timeline of ${title}`)}</title>`,
    `<defs>`,
    `<pattern id="${id}-http" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
      `<rect width="8" height="8" fill="#ffebee"/>` +
      `<line x1="0" y1="0" x2="0" y2="8" stroke="${FAULT_LAYER_STYLE.http.colour}"` +
      ` stroke-width="2" stroke-opacity="0.55"/>` +
      `</pattern>`,
    `<pattern id="${id}-network" width="6" height="6" patternUnits="userSpaceOnUse">` +
      `<rect width="6" height="6" fill="#e8eaf6"/>` +
      `<circle cx="3" cy="3" r="1.3" fill="${FAULT_LAYER_STYLE.network.colour}" fill-opacity="0.6"/>` +
      `</pattern>`,
    `<pattern id="${id}-store" width="8" height="8" patternUnits="userSpaceOnUse">` +
      `<rect width="8" height="8" fill="#f3e5f5"/>` +
      `<line x1="0" y1="4" x2="8" y2="4" stroke="${FAULT_LAYER_STYLE.store.colour}"` +
      ` stroke-width="2" stroke-opacity="0.55"/>` +
      `</pattern>`,
    `</defs>`,
    `<rect width="${WIDTH}" height="${y}" fill="#ffffff"/>`,
    `<text x="12" y="20" font-size="14" font-weight="700" fill="#263238">${escapeXml(title)}</text>`,
    ...laneBackgrounds,
    ...shading,
    ...out,
    ...stepMarks,
    ...bands,
    ...operator.parts,
    ...marks,
    ...chart,
    ...axis,
    ...legend.parts,
    `</svg>`,
  ].join('\n');
}

/** Smallest of 1, 2, 4, 5, 10 × 10^k that is ≥ value (at least 1). */
function niceCeiling(value: number): number {
  if (value <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const factor of [1, 2, 4, 5, 10]) if (factor * magnitude >= value) return factor * magnitude;
  return 10 * magnitude;
}

function formatCount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
