/**
 * Escaping for text taken from results (log lines, evidence, scenario titles). Log lines can
 * hold anything, including `<script>` and control characters that are illegal in XML 1.0, so
 * every writer routes result text through these and nothing else.
 */
// XML 1.0 allows tab, LF, CR and everything from U+0020 up except surrogates and U+FFFE/U+FFFF.
// Matching control characters is the point here, so the pattern is built from escapes in strings.
const XML_ILLEGAL = new RegExp(
  [
    // C0 controls other than tab, LF and CR; the non-characters U+FFFE and U+FFFF.
    '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]',
    // A high surrogate with no low surrogate after it.
    '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])',
    // A low surrogate with no high surrogate before it.
    '(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]',
  ].join('|'),
  'g',
);

/** Escapes text for an XML/HTML element body or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(XML_ILLEGAL, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** HTML uses the same rules; `&apos;` is valid HTML5. */
export const escapeHtml = escapeXml;

/** Escapes text for a Markdown table cell or inline text: pipes, backticks, HTML and line breaks. */
export function escapeMarkdown(text: string): string {
  // Quotes stay readable in Markdown source; only what could open a tag or an entity is escaped.
  return text
    .replace(XML_ILLEGAL, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/`/g, '\\`')
    .replace(/\*/g, '\\*')
    .replace(/_/g, '\\_')
    .replace(/\r?\n/g, ' ');
}

/** A fenced code block that cannot be closed early by a line inside it. */
export function markdownCodeBlock(lines: readonly string[]): string {
  const body = lines.map((l) => l.replace(XML_ILLEGAL, '\uFFFD')).join('\n');
  const longestRun = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longestRun + 1);
  return `${fence}text\n${body}\n${fence}`;
}

/** Anchor id for a scenario section, shared by the promise table links and the sections. */
export function scenarioAnchor(scenarioId: string): string {
  return `scenario-${scenarioId.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}`;
}
