/**
 * Reads the project's own import graph: every relative import of every source file, resolved to
 * a project path. Plain text scanning is enough here: the project writes imports one way.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCE_FOLDERS = ['common', 'fakes', 'harness', 'scenarios', 'reports', 'cli', 'bench'];
const IMPORT = /(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

export interface ImportEdge {
  readonly from: string;
  readonly to: string;
}

export function listSourceFiles(folder: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
      const path = `${dir}/${e.name}`;
      if (e.isDirectory()) return walk(path);
      return /\.(ts|mts)$/.test(e.name) ? [path] : [];
    });
  return walk(folder);
}

export function importEdges(): ImportEdge[] {
  return SOURCE_FOLDERS.flatMap(listSourceFiles).flatMap((from) => {
    const text = readFileSync(join(ROOT, from), 'utf8');
    return [...text.matchAll(IMPORT)].map((m) => ({
      from,
      to: relative(ROOT, resolve(ROOT, dirname(from), (m[1] ?? '').replace(/\.js$/, '.ts'))),
    }));
  });
}

export const topFolder = (path: string): string => path.split('/')[0] ?? path;
