#!/usr/bin/env node
// Part of `npm run build`: copies the runtime files tsc does not emit (rule files and other data
// read beside their module through import.meta.url) from the source folders into dist/, at the
// same relative paths, so the compiled package finds them where the sources do.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RUNTIME_FOLDERS = ['common', 'cli', 'fakes', 'harness', 'scenarios', 'reports'];
/** Data files a module reads at run time; documentation (.md) and sources stay out. */
export const ASSET = /\.(ya?ml|json)$/;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
for (const folder of RUNTIME_FOLDERS) {
  for (const file of walk(join(root, folder)).filter((path) => ASSET.test(path))) {
    const target = join(root, 'dist', relative(root, file));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
}
