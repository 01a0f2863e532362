/**
 * Target registry: `reference` (default, the runbook model) and `python` (the real connector).
 * Both are imported lazily, so a missing or half-built target only breaks runs that ask for it.
 *
 * @example const target = await resolveTarget('reference', {});
 */
import { UsageError } from '../errors.js';
import type { Target } from './target.js';

export const TARGET_NAMES = ['reference', 'python'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];
export const DEFAULT_TARGET: TargetName = 'reference';

export async function resolveTarget(name: string, options: { readonly connectorDir?: string }): Promise<Target> {
  switch (name) {
    case 'reference': {
      const module = await import('./reference/index.js');
      return module.referenceTarget;
    }
    case 'python': {
      const connectorDir = options.connectorDir ?? process.env.CONNECTOR_DIR;
      if (!connectorDir) throw new UsageError('Failed to select target "python": no connector checkout given. Pass --connector <dir> or set CONNECTOR_DIR.');
      // A computed URL keeps bundlers and type checks from requiring the file before it exists.
      const moduleUrl = new URL('./python/index.ts', import.meta.url).href;
      let module: { createPythonTarget?: (options: { connectorDir: string }) => Target };
      try {
        module = (await import(/* @vite-ignore */ moduleUrl)) as typeof module;
      } catch (error) {
        throw new UsageError(`Failed to load target "python": ${error instanceof Error ? error.message : String(error)}. Is harness/targets/python/index.ts present?`);
      }
      if (typeof module.createPythonTarget !== 'function') throw new UsageError('Failed to load target "python": harness/targets/python/index.ts does not export createPythonTarget.');
      return module.createPythonTarget({ connectorDir });
    }
    default:
      throw new UsageError(`Failed to select target "${name}": unknown target. Known targets: ${TARGET_NAMES.join(', ')}.`);
  }
}
