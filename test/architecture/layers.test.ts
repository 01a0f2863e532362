/**
 * The architecture reads from the folders: imports only point down.
 *
 *   cli ─▶ reports ─▶ scenarios ─▶ harness ─▶ fakes ─▶ common
 *   (bench may use harness and fakes; nothing imports cli or bench)
 *
 * Inside harness/, folders have ranks (domain at the bottom, run at the top) and a file may only
 * import from its own rank or below.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importEdges, ROOT, topFolder } from './imports.js';

const LAYER: Record<string, number> = { common: 0, fakes: 1, harness: 2, scenarios: 3, reports: 4, bench: 4, cli: 5 };

/** harness/<folder> → rank. A folder not listed here fails the test, so new folders get a place. */
const HARNESS_RANK: Record<string, number> = {
  domain: 0,
  'errors.ts': 0,
  result: 1,
  'session.ts': 1,
  wait: 1,
  observe: 2,
  network: 2,
  store: 2,
  seed: 2,
  records: 2,
  targets: 2,
  alerts: 2,
  ledger: 3,
  conditions: 4,
  expectations: 4,
  timeline: 5,
  scenario: 6,
  run: 7,
  'index.ts': 8,
};

const harnessPart = (path: string): string => path.split('/')[1] ?? '';

describe('layers', () => {
  const edges = importEdges().filter((e) => e.to.split('/')[0] in LAYER);

  it(
    'point only down between top-level folders ' +
      '(harness never imports scenarios, reports or cli; fakes never imports harness)',
    () => {
      const upward = edges.filter((e) => (LAYER[topFolder(e.to)] ?? 0) > (LAYER[topFolder(e.from)] ?? 0));
      expect(upward.map((e) => `${e.from} → ${e.to}`)).toEqual([]);
    },
  );

  it('point only down inside harness/', () => {
    const inside = edges.filter((e) => topFolder(e.from) === 'harness' && topFolder(e.to) === 'harness');
    const unranked = [...new Set(inside.flatMap((e) => [harnessPart(e.from), harnessPart(e.to)]))].filter(
      (part) => !(part in HARNESS_RANK),
    );
    expect(unranked, 'give every harness/ folder a rank in this test').toEqual([]);
    const upward = inside.filter(
      (e) => (HARNESS_RANK[harnessPart(e.to)] ?? 0) > (HARNESS_RANK[harnessPart(e.from)] ?? 0),
    );
    expect(upward.map((e) => `${e.from} → ${e.to}`)).toEqual([]);
  });

  it('no file and folder share a name (run.ts beside run/)', () => {
    const clashes: string[] = [];
    const walk = (dir: string): void => {
      const names = readdirSync(join(ROOT, dir));
      for (const name of names) {
        const path = `${dir}/${name}`;
        if (!statSync(join(ROOT, path)).isDirectory() || name === 'node_modules') continue;
        if (names.some((other) => other !== name && other.replace(/\.[^.]+$/, '') === name)) clashes.push(path);
        walk(path);
      }
    };
    for (const folder of Object.keys(LAYER)) walk(folder);
    expect(clashes).toEqual([]);
  });
});
