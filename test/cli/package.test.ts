/**
 * The package's shape, read from package.json and the CLI registry (the packed tarball itself is
 * checked by packed-cli.e2e.test.ts): one bin, npm scripts that are aliases of it, a build that
 * runs at pack time, and a `files` list that holds only what the rules allow.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_COMMANDS } from '../../cli/commands/registry.js';
import { isInstalledPackage, resolveToolsHome, TOOLS_HOME_ENV } from '../../common/package-paths.js';
import { PACKED_FILE_RULES } from './packed-file-rules.js';

interface PackageJson {
  readonly bin: Record<string, string>;
  readonly files: readonly string[];
  readonly scripts: Record<string, string>;
  readonly dependencies: Record<string, string>;
}
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as PackageJson;

describe('package.json', () => {
  it('has one bin, s3-sentinel-chaos, run from the compiled dist/', () => {
    expect(pkg.bin).toEqual({ 's3-sentinel-chaos': 'dist/cli/bin.js' });
    expect(pkg.scripts.build).toBe('tsc -p tsconfig.build.json && node scripts/copy-assets.mjs');
    expect(pkg.scripts.prepack).toBe('npm run build');
  });

  it('makes every subcommand an npm script alias of the bin', () => {
    expect(CLI_COMMANDS.map((c) => c.name)).toEqual(['scenario', 'gate', 'report', 'fakes', 'setup']);
    // scenario and gate first make sure promtool and toxiproxy are built (the main job needs them
    // after a bare `npm ci`); the command itself is the bin's.
    const aliasOf = (name: string): RegExp =>
      new RegExp(`^(node scripts/setup\\.mjs --quiet --only [a-z,]+ && )?tsx cli/bin\\.ts ${name}$`);
    for (const { name } of CLI_COMMANDS) expect(pkg.scripts[name]).toMatch(aliasOf(name));
  });

  it('packs only paths the packed-file rules allow, and every required one', () => {
    // `files` entries are dirs or files; each required file must fall under one.
    for (const path of PACKED_FILE_RULES.required.filter((p) => p !== 'package.json'))
      expect(
        pkg.files.some((entry) => path === entry || path.startsWith(entry.endsWith('/') ? entry : `${entry}/`)),
        path,
      ).toBe(true);
    expect(pkg.files).toEqual([
      'dist/',
      'python/driver/',
      'python/requirements-sdk.txt',
      'scripts/setup.mjs',
      'schemas/',
    ]);
  });

  it('copies every data file a runtime module reads into dist/ (tsc emits only .js)', () => {
    const root = new URL('../../', import.meta.url).pathname;
    const walk = (dir: string): string[] =>
      readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(`${dir}/${e.name}`) : [`${dir}/${e.name}`],
      );
    const data = ['common', 'cli', 'fakes', 'harness', 'scenarios', 'reports']
      .flatMap(walk)
      .filter((path) => !/\.(ts|md)$/.test(path));
    // scripts/copy-assets.mjs copies .yml, .yaml and .json; anything else would be missing when installed.
    expect(data.filter((path) => !/\.(ya?ml|json)$/.test(path))).toEqual([]);
    expect(data).toContain('harness/targets/reference/alert-rules.yml');
  });

  it('needs no dev dependency at run time (no tsx)', () => {
    expect(Object.keys(pkg.dependencies)).not.toContain('tsx');
  });
});

describe('tools home', () => {
  const homeDir = '/home/dev';
  it('is the repository root in a checkout', () => {
    expect(isInstalledPackage('/work/s3-sentinel-chaos')).toBe(false);
    expect(resolveToolsHome({ packageRoot: '/work/s3-sentinel-chaos', env: {}, homeDir })).toBe(
      '/work/s3-sentinel-chaos',
    );
  });

  it('is a per-user cache dir for an installed package', () => {
    const packageRoot = '/ci/app/node_modules/s3-sentinel-chaos';
    expect(isInstalledPackage(packageRoot)).toBe(true);
    expect(resolveToolsHome({ packageRoot, env: {}, homeDir })).toBe('/home/dev/.cache/s3-sentinel-chaos');
    expect(resolveToolsHome({ packageRoot, env: { XDG_CACHE_HOME: '/var/cache' }, homeDir })).toBe(
      '/var/cache/s3-sentinel-chaos',
    );
  });

  it(`is ${TOOLS_HOME_ENV} when set, wherever the package is`, () => {
    const env = { [TOOLS_HOME_ENV]: '/opt/chaos-tools' };
    expect(resolveToolsHome({ packageRoot: '/work/repo', env, homeDir })).toBe('/opt/chaos-tools');
    expect(resolveToolsHome({ packageRoot: '/a/node_modules/s3-sentinel-chaos', env, homeDir })).toBe(
      '/opt/chaos-tools',
    );
  });
});
