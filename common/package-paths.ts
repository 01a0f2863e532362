/**
 * Where the harness's own files are, wherever it runs from:
 *
 *   repository checkout      <repo>/{package.json, python/, scripts/, harness/…}     (tsx, from source)
 *   installed package        node_modules/s3-sentinel-chaos/{package.json, python/, scripts/, dist/…}
 *
 * Code finds `package.json` by walking up from its own file, so the same lookup works from
 * `harness/x.ts` and from `dist/harness/x.js`. The tools it installs (the Python SDK venv `.venv`,
 * toxiproxy in `.tools`, connector venvs in `.chaos/venvs`) live in the **tools home**: the
 * repository root in a checkout (unchanged), and a per-user cache dir for an installed package, so a
 * reinstall keeps them and node_modules stays read-only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Overrides the tools home (an absolute dir holding `.venv`, `.tools`, `.chaos/venvs`). */
export const TOOLS_HOME_ENV = 'S3_SENTINEL_CHAOS_HOME';
export const PACKAGE_NAME = 's3-sentinel-chaos';

/** The nearest dir at or above `fromDir` with a package.json; `fromDir` itself when there is none. */
export function findPackageRoot(fromDir: string, exists: (path: string) => boolean = existsSync): string {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    if (exists(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return fromDir;
  }
}

/** Root of this package: the repository, or `node_modules/s3-sentinel-chaos`. */
export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** True when the package runs from an npm install (its root sits under a node_modules dir). */
export function isInstalledPackage(packageRoot: string = PACKAGE_ROOT): boolean {
  return packageRoot.split(sep).includes('node_modules');
}

export interface ToolsHomeInput {
  readonly packageRoot: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
}

/**
 * The tools home: `$S3_SENTINEL_CHAOS_HOME` when set; else the repository root in a checkout;
 * else `$XDG_CACHE_HOME/s3-sentinel-chaos` (default `~/.cache/s3-sentinel-chaos`).
 * @example resolveToolsHome({ packageRoot: '/repo', env: {}, homeDir: '/home/me' }) // '/repo'
 */
export function resolveToolsHome(input: ToolsHomeInput): string {
  const override = input.env[TOOLS_HOME_ENV];
  if (override) return override;
  if (!isInstalledPackage(input.packageRoot)) return input.packageRoot;
  return join(input.env.XDG_CACHE_HOME || join(input.homeDir, '.cache'), PACKAGE_NAME);
}

/** The tools home of this process (read when called, so a test or the CLI may set the env first). */
export function toolsHome(): string {
  return resolveToolsHome({ packageRoot: PACKAGE_ROOT, env: process.env, homeDir: homedir() });
}

/** `version` of this package's package.json, or 'unknown'. */
export function readPackageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
