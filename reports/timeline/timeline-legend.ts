import { escapeXml } from '../writers/escape.js';
import { BREAKER_COLOURS, FAULT_LAYER_STYLE, LINE_STYLE, STATUS_CLASSES } from './status-class.js';

/**
 * The legend under every timeline: every colour and pattern the picture uses, so it reads
 * without the report's text. `id` is the SVG's id prefix (the fault patterns live in its defs).
 */
export function renderTimelineLegend(id: string, top: number, width: number): { parts: string[]; height: number } {
  const items: { swatch: string; text: string }[] = [
    ...(['CLOSED', 'HALF_OPEN', 'OPEN'] as const).map((state) => ({
      swatch: `<rect width="14" height="10" fill="${BREAKER_COLOURS[state]}"/>`,
      text: `breaker ${state}`,
    })),
    {
      swatch: `<rect width="14" height="10" fill="url(#${id}-http)" stroke="${FAULT_LAYER_STYLE.http.colour}"/>`,
      text: FAULT_LAYER_STYLE.http.label,
    },
    {
      swatch: `<rect width="14" height="10" fill="url(#${id}-network)" stroke="${FAULT_LAYER_STYLE.network.colour}"/>`,
      text: FAULT_LAYER_STYLE.network.label,
    },
    ...STATUS_CLASSES.map((c) => ({
      swatch: `<rect x="5" width="3" height="10" fill="${c.colour}"/>`,
      text: `request ${c.label}`,
    })),
    {
      swatch:
        `<line x1="0" x2="14" y1="5" y2="5" stroke="${LINE_STYLE.failedBatchFiles.colour}"` +
        ` stroke-width="2.5" stroke-dasharray="6 3"/>`,
      text: LINE_STYLE.failedBatchFiles.label,
    },
    {
      swatch: `<line x1="0" x2="14" y1="5" y2="5" stroke="${LINE_STYLE.deliveredRecords.colour}" stroke-width="2.5"/>`,
      text: LINE_STYLE.deliveredRecords.label,
    },
    { swatch: '<rect width="14" height="10" fill="#ffb300"/>', text: 'alert pending' },
    { swatch: '<rect width="14" height="10" fill="#b71c1c"/>', text: 'alert firing' },
    { swatch: '<rect width="14" height="10" fill="#66bb6a"/>', text: '/ready 200' },
    { swatch: '<rect width="14" height="10" fill="#e53935"/>', text: '/ready not 200' },
    {
      swatch:
        '<circle cx="7" cy="5" r="5.5" fill="#37474f"/>' +
        '<text x="7" y="8" text-anchor="middle" font-size="8" font-weight="700" fill="#fff">1</text>',
      text: 'scenario step (see steps table)',
    },
  ];
  const perRow = 5;
  const columnWidth = (width - 24) / perRow;
  const parts = items.map((item, i) => {
    const lx = 12 + (i % perRow) * columnWidth;
    const ly = top + Math.floor(i / perRow) * 18;
    return (
      `<g transform="translate(${lx.toFixed(1)},${ly})">${item.swatch}` +
      `<text x="20" y="9" font-size="11" fill="#37474f">${escapeXml(item.text)}</text></g>`
    );
  });
  return { parts, height: Math.ceil(items.length / perRow) * 18 + 8 };
}
