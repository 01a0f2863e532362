/**
 * The few XML helpers the S3 fake needs: escaping text and building flat elements. Responses are
 * built as strings (no DOM) because they are small and on the hot path of every GET.
 */

export const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/**
 * Escapes text for an XML element body. Characters XML 1.0 forbids (most C0 controls) are written as
 * numeric references, as S3 does, so keys with odd bytes still produce parseable XML.
 *
 * @example escapeXml('a&b "c"') // 'a&amp;b &quot;c&quot;'
 */
export function escapeXml(text: string): string {
  // @note Fast path: most keys and messages need no escaping at all.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching the controls XML 1.0 forbids is the point
  if (!/[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\r]/.test(text)) return text;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching the controls XML 1.0 forbids is the point
  return text.replace(/[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\r]/g, (ch) => {
    switch (ch) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      default:
        return `&#x${ch.charCodeAt(0).toString(16)};`;
    }
  });
}

/** `<name>escaped text</name>` */
export function element(name: string, text: string | number | boolean): string {
  return `<${name}>${escapeXml(String(text))}</${name}>`;
}

/** `<name>` only when `text` is defined (optional response fields). */
export function optionalElement(name: string, text: string | number | undefined): string {
  return text === undefined ? '' : element(name, text);
}
