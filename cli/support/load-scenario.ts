/**
 * Finds the scenario the CLI was asked for: a registered id (`rate-limit`), or a path to the
 * user's own scenario (`./my-scenario.json`, or a .ts/.js module whose default export is one).
 * Whatever is loaded is validated by runScenario before anything starts.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../../harness/errors.js';
import type { Scenario } from '../../harness/scenario/types.js';
import { getScenario, listScenarios } from '../../scenarios/index.js';

export function looksLikePath(name: string): boolean {
  return name.includes('/') || /\.(json|ts|js|mjs)$/.test(name);
}

export async function loadScenario(name: string): Promise<Scenario> {
  if (!looksLikePath(name)) {
    const scenario = getScenario(name);
    if (!scenario)
      throw new UsageError(
        `Failed to find scenario "${name}": unknown scenario. Known scenarios: ${listScenarios()
          .map((s) => s.id)
          .join(', ')}. (Or pass a path to a scenario file.)`,
      );
    return scenario;
  }
  const path = resolve(name);
  try {
    if (path.endsWith('.json')) return JSON.parse(await readFile(path, 'utf8')) as Scenario;
    const module = (await import(pathToFileURL(path).href)) as { default?: Scenario };
    if (module.default === undefined)
      throw new Error('the module has no default export (export default defineScenario({...}))');
    return module.default;
  } catch (error) {
    throw new UsageError(
      `Failed to load scenario file ${name}: ${error instanceof Error ? error.message : String(error)}. ` +
        "Check the path and the file's syntax.",
    );
  }
}
