import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildGateSummary } from '../summary/gate-summary.js';
import type { ReportWriter } from './writer.js';

export interface JsonSummaryOptions {
  /** @default 'summary.json' */
  readonly fileName?: string;
}

/** `<out>/json/summary.json`: the GateSummary (verdict, exit code, per-scenario expectations, promises). */
export const jsonSummaryWriter: ReportWriter<JsonSummaryOptions> = {
  name: 'json',
  async write(input, options) {
    const dir = join(input.outDir, 'json');
    await mkdir(dir, { recursive: true });
    const path = join(dir, options.fileName ?? 'summary.json');
    const summary = buildGateSummary({
      results: input.results,
      harnessVersion: input.harnessVersion,
      generatedAt: input.generatedAt,
      ...(input.suite ? { suite: input.suite } : {}),
      ...(input.shard ? { shard: input.shard } : {}),
    });
    await writeFile(path, `${JSON.stringify(summary, null, 2)}\n`);
    return [path];
  },
};
