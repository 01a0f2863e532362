/**
 * `npm run bench`: runs every `bench/*.bench.ts` module's `run()` in file-name order, one at a time
 * (the machine is small; concurrent benchmarks would measure each other), and prints a table each.
 *
 *   npm run bench                 # all modules
 *   npm run bench -- fakes        # only modules whose file name contains "fakes"
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BenchModule, type BenchResult, formatBenchResult } from './bench-result.js';

const benchDir = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<number> {
  const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const files = readdirSync(benchDir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort();
  if (files.length === 0) {
    console.error(`[bench] Failed to find benchmarks: no bench/*.bench.ts matches ${JSON.stringify(filters)}.`);
    return 2;
  }
  console.log(
    `[bench] ${new Date().toISOString()} node ${process.version}, ${files.length} module(s): ${files.join(', ')}`,
  );
  let failures = 0;
  for (const file of files) {
    const startedAt = performance.now();
    let result: BenchResult;
    try {
      const module = (await import(pathToFileURL(join(benchDir, file)).href)) as Partial<BenchModule>;
      if (typeof module.run !== 'function') throw new Error('it does not export run(): Promise<BenchResult>');
      result = await module.run();
    } catch (error) {
      failures++;
      result = { title: file, rows: [], skipped: `Failed to run ${file}: ${(error as Error).stack ?? String(error)}` };
    }
    console.log(
      `\n${formatBenchResult(result)}\n  (${file}: ${((performance.now() - startedAt) / 1_000).toFixed(1)} s)`,
    );
  }
  return failures === 0 ? 0 : 1;
}

process.exitCode = await main();
