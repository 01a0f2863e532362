/** Lines stay within 120 characters (biome.jsonc's line width), strings and comments included. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSourceFiles, ROOT } from './imports.js';

const MAX_COLUMNS = 120;
const FOLDERS = ['common', 'fakes', 'harness', 'scenarios', 'reports', 'cli', 'bench', 'test'];

describe('line length', () => {
  it(`keeps every TypeScript line within ${MAX_COLUMNS} characters`, () => {
    const long = FOLDERS.flatMap(listSourceFiles).flatMap((file) =>
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .flatMap((line, i) => ([...line].length > MAX_COLUMNS ? [`${file}:${i + 1} (${[...line].length})`] : [])),
    );
    expect(long).toEqual([]);
  });
});
