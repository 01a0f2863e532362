/**
 * Copies python/standin into a fresh temp dir and makes it a git checkout, so the python target
 * provisions and runs it exactly as it would a checkout of the real connector.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const STANDIN_SOURCE = fileURLToPath(new URL('../../python/standin/', import.meta.url));

export interface StandinCheckout {
  readonly dir: string;
  readonly commit: string;
  remove(): Promise<void>;
}

export async function createStandinCheckout(): Promise<StandinCheckout> {
  const dir = await mkdtemp(join(tmpdir(), 'chaos-standin-'));
  await cp(STANDIN_SOURCE, dir, { recursive: true, filter: (src) => !src.includes('__pycache__') });
  const git = (...args: string[]): string => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();
  git('init', '-q');
  git('add', '-A');
  git(
    '-c',
    'user.name=chaos',
    '-c',
    'user.email=chaos@localhost',
    '-c',
    'commit.gpgsign=false',
    'commit',
    '-q',
    '-m',
    'stand-in',
  );
  return { dir, commit: git('rev-parse', 'HEAD'), remove: () => rm(dir, { recursive: true, force: true }) };
}
