import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScenarioResultFile } from '../../harness/result/result-schema.js';
import { ReportInputError } from '../report-error.js';
import { isResultFileLike, validateResultFile } from './validate-result-file.js';

/**
 * Reads every `<dir>/<scenario>.json` result file (top level only: writer folders such as
 * `junit/` and `json/` sit below and are not results), sorted by scenario id so every
 * writer's output is independent of run order and of sharding.
 * @example const results = await loadResultFiles('out');
 */
export async function loadResultFiles(dir: string): Promise<ScenarioResultFile[]> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isFile() && e.name.endsWith('.json'))
      .map((e) => e.name);
  } catch (error) {
    throw new ReportInputError(
      `Failed to read results from ${dir}: ${(error as Error).message}. ` +
        'Pass the out dir of npm run gate or npm run scenario.',
    );
  }
  const results: ScenarioResultFile[] = [];
  for (const name of names.sort()) {
    const path = join(dir, name);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw new ReportInputError(
        `Failed to read result file ${path}: ${(error as Error).message}. ` +
          'Regenerate it with npm run scenario or npm run gate.',
      );
    }
    // Other JSON may share the folder (a user's notes, a copied summary): only result files count.
    if (!isResultFileLike(parsed)) continue;
    results.push(validateResultFile(parsed, path));
  }
  return sortResults(results);
}

/** Sorted by scenario id: the one order every writer uses. */
export function sortResults(results: readonly ScenarioResultFile[]): ScenarioResultFile[] {
  return [...results].sort((a, b) => (a.scenario < b.scenario ? -1 : a.scenario > b.scenario ? 1 : 0));
}
