/**
 * Target registry: `reference` (default, the runbook model), `python` (the real connector from
 * source) and `container` (the real connector as its image ships).
 * Each is imported only when a run asks for it, so a target whose set-up is missing breaks only
 * runs that select it. A new target is one folder plus one line here (CONTRIBUTING.md).
 *
 * @example const target = await resolveTarget('reference', {});
 */
import { UsageError } from '../errors.js';
import type { Target } from './target.js';

export interface ResolveTargetOptions {
  readonly connectorDir?: string;
  /** Progress lines while a target prepares (the python target's first pip install takes minutes). */
  readonly onProgress?: (line: string) => void;
}

interface TargetEntry {
  readonly summary: string;
  load(options: ResolveTargetOptions): Promise<Target>;
}

const TARGETS = {
  reference: {
    summary: 'our executable model of the runbook (Node, real JS SDKs)',
    load: async () => (await import('./reference/index.js')).referenceTarget,
  },
  python: {
    summary: 'an unmodified topazyo/s3-sentinel-connector checkout (--connector <dir> or CONNECTOR_DIR)',
    load: async (options) => (await import('./python/index.js')).createPythonTarget(options),
  },
  container: {
    summary: "the checkout's own Dockerfile built with podman, run as containers (replicas) via testcontainers",
    load: async (options) => (await import('./container/index.js')).createContainerTarget(options),
  },
} as const satisfies Record<string, TargetEntry>;

export type TargetName = keyof typeof TARGETS;
export const TARGET_NAMES = Object.keys(TARGETS) as TargetName[];
export const DEFAULT_TARGET: TargetName = 'reference';

export function describeTargets(): string[] {
  return TARGET_NAMES.map((name) => `${name.padEnd(10)} ${TARGETS[name].summary}`);
}

export async function resolveTarget(name: string, options: ResolveTargetOptions): Promise<Target> {
  if (!(name in TARGETS))
    throw new UsageError(
      `Failed to select target "${name}": unknown target. Known targets: ${TARGET_NAMES.join(', ')}.`,
    );
  return TARGETS[name as TargetName].load(options);
}
