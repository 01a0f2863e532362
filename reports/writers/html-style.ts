// Rules too long for one source line, spliced into the stylesheet below as single lines.
const BODY_RULE =
  'body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0; ' +
  'color: #1c2833; background: #f4f6f7; line-height: 1.45; }';
const PRE_RULE =
  'pre { background: #1f2a33; color: #e8eef2; padding: 10px 12px; overflow-x: auto; font-size: 12px; ' +
  'line-height: 1.35; border-radius: 4px; white-space: pre-wrap; overflow-wrap: anywhere; }';
const BADGE_RULE =
  '.badge { display: inline-block; white-space: nowrap; padding: 1px 8px; border-radius: 10px; ' +
  'font-weight: 600; font-size: 12px; }';
const SHIMS_WARNING_RULE =
  '.shims-warning { border: 2px solid #e65100; background: #fff3e0; color: #7a2e00; padding: 10px 14px; ' +
  'margin: 12px 0; font-weight: 600; border-radius: 4px; }';

/** Inline stylesheet of the HTML report: no web fonts, no external assets. */
export const HTML_REPORT_CSS = `
:root { color-scheme: light; }
${BODY_RULE}
main { max-width: 1080px; margin: 0 auto; padding: 24px 28px 64px; background: #fff; }
h1 { font-size: 26px; margin: 0 0 6px; }
h2 { font-size: 20px; margin: 36px 0 10px; border-bottom: 2px solid #d5dbdb; padding-bottom: 4px; }
h3 { font-size: 17px; margin: 28px 0 8px; }
h4 { font-size: 14px; margin: 18px 0 6px; color: #34495e; text-transform: uppercase; letter-spacing: .03em; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 13px; }
th, td { border: 1px solid #d5dbdb; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eaeded; font-weight: 600; }
td { overflow-wrap: anywhere; }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; }
${PRE_RULE}
.outcome { font-size: 15px; margin: 4px 0 14px; }
${BADGE_RULE}
.tone-good, .status-verified, .verdict-passed { background: #e3f4e5; color: #1b5e20; }
.tone-bad, .status-violated, .verdict-failed { background: #fdecea; color: #b71c1c; }
.tone-warn, .verdict-error { background: #fff4e0; color: #8a4b00; }
.tone-help { background: #fff8c5; color: #6b5200; }
ol.findings { padding-left: 22px; }
ol.findings li { margin: 0 0 10px; }
ol.findings .evidence { display: block; font-size: 12px; color: #37474f; margin-top: 2px; }
.tone-muted, .status-not-exercised { background: #eceff1; color: #455a64; }
${SHIMS_WARNING_RULE}
.error-box { border-left: 4px solid #c62828; background: #fdecea; padding: 8px 12px; margin: 8px 0; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; font-size: 13px; margin: 6px 0 10px; }
.facts dt { font-weight: 600; color: #34495e; }
.facts dd { margin: 0; overflow-wrap: anywhere; }
figure.timeline { margin: 10px 0 14px; overflow-x: auto; border: 1px solid #d5dbdb; }
figure.timeline svg { display: block; max-width: 100%; height: auto; }
nav.toc { font-size: 13px; }
nav.toc a { margin-right: 12px; }
a { color: #1565c0; }
.empty { color: #78909c; font-style: italic; font-size: 13px; }
`;
