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

export interface ResolveTargetOptions {
  readonly connectorDir?: string;
  /** Progress lines while a target prepares (the python target's first pip install takes minutes). */
  readonly onProgress?: (line: string) => void;
}

/** The python target module, loaded from a computed URL so a half-built target breaks only runs that ask for it. */
interface PythonTargetModule {
  createPythonTarget?: (options: { connectorDir: string; onProgress?: (line: string) => void }) => Target;
  describeShims?: (shims: readonly string[]) => string | null;
}

async function loadPythonTarget(): Promise<PythonTargetModule> {
  // A computed URL keeps bundlers and type checks from requiring the file before it exists.
  const moduleUrl = new URL('./python/index.ts', import.meta.url).href;
  try {
    return (await import(/* @vite-ignore */ moduleUrl)) as PythonTargetModule;
  } catch (error) {
    throw new UsageError(
      `Failed to load target "python": ${error instanceof Error ? error.message : String(error)}. Is harness/targets/python/index.ts present?`,
    );
  }
}

/**
 * The banner to print whenever shims are active (the python target's own wording), or null
 * when there are none. Only the python target accepts shims; any other rejects them in prepare.
 */
export async function describeShimsBanner(shims: readonly string[]): Promise<string | null> {
  if (shims.length === 0) return null;
  const module = await loadPythonTarget();
  if (typeof module.describeShims !== 'function')
    throw new UsageError(
      'Failed to load target "python": harness/targets/python/index.ts does not export describeShims.',
    );
  return module.describeShims(shims);
}

export async function resolveTarget(name: string, options: ResolveTargetOptions): Promise<Target> {
  switch (name) {
    case 'reference': {
      const module = await import('./reference/index.js');
      return module.referenceTarget;
    }
    case 'python': {
      const connectorDir = options.connectorDir ?? process.env.CONNECTOR_DIR;
      if (!connectorDir)
        throw new UsageError(
          'Failed to select target "python": no connector checkout given. Pass --connector <dir> or set CONNECTOR_DIR.',
        );
      const module = await loadPythonTarget();
      if (typeof module.createPythonTarget !== 'function')
        throw new UsageError(
          'Failed to load target "python": harness/targets/python/index.ts does not export createPythonTarget.',
        );
      return module.createPythonTarget({
        connectorDir,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
    }
    default:
      throw new UsageError(
        `Failed to select target "${name}": unknown target. Known targets: ${TARGET_NAMES.join(', ')}.`,
      );
  }
}
