import { type HtmlOptions, htmlWriter } from './html-writer.js';
import { type JsonSummaryOptions, jsonSummaryWriter } from './json-summary-writer.js';
import { type JunitOptions, junitWriter } from './junit-writer.js';
import { type MarkdownOptions, markdownWriter } from './markdown-writer.js';
import type { ReportWriter, WriterInput } from './writer.js';

/** Each writer's name mapped to its options type (like vitest's BuiltinReporterOptions). */
export interface WriterOptionsMap {
  json: JsonSummaryOptions;
  junit: JunitOptions;
  markdown: MarkdownOptions;
  html: HtmlOptions;
}

export type WriterName = keyof WriterOptionsMap;

/** `'junit'` or `['junit', { fileName: 'gate.xml' }]`: the options are checked against the writer's type. */
export type WriterWithOptions = { [K in WriterName]: K | readonly [K, WriterOptionsMap[K]] }[WriterName];

/** The named registry of report writers. Each writes only in `<outDir>/<name>/`. */
export const REPORT_WRITERS: { readonly [K in WriterName]: ReportWriter<WriterOptionsMap[K]> } = {
  json: jsonSummaryWriter,
  junit: junitWriter,
  markdown: markdownWriter,
  html: htmlWriter,
};

export function isWriterName(name: string): name is WriterName {
  return Object.hasOwn(REPORT_WRITERS, name);
}

/**
 * Runs the chosen writers in order and returns every path written.
 * @example await writeReports(input, ['json', ['junit', { suiteName: 'nightly' }]]);
 */
export async function writeReports(input: WriterInput, writers: readonly WriterWithOptions[]): Promise<string[]> {
  const written: string[] = [];
  for (const entry of writers) {
    const [name, options] = typeof entry === 'string' ? [entry, {}] : entry;
    const writer = REPORT_WRITERS[name] as ReportWriter<unknown>;
    written.push(...(await writer.write(input, options)));
  }
  return written;
}
