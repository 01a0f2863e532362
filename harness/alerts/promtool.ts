/**
 * Prometheus's promtool, built at a pinned version into .tools/bin by `npm run setup`
 * (scripts/setup.mjs), run as a child process: `check rules` to judge a rule file, `test rules`
 * to evaluate rules over the scraped series with Prometheus's own rule engine.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { toolsHome } from '../../common/package-paths.js';
import { InfrastructureError } from '../errors.js';

/** `.tools/bin/promtool` in the tools home (the repository root, or a cache dir for an installed package). */
export const DEFAULT_PROMTOOL_BINARY = join(toolsHome(), '.tools', 'bin', 'promtool');

/** `PROMTOOL` when set, else .tools/bin/promtool; throws with the set-up command when missing. */
export function resolvePromtool(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const binary = env.PROMTOOL || DEFAULT_PROMTOOL_BINARY;
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    throw new InfrastructureError(
      `Failed to evaluate alert rules: promtool is not installed at ${binary}. ` +
        'Run `npm run setup` (or `node scripts/setup.mjs --only promtool`) to build it.',
    );
  }
  return binary;
}

export interface PromtoolOutcome {
  readonly code: number | null;
  readonly output: string;
}

/** Runs promtool with `args`; resolves with its exit code and stdout + stderr (never rejects on exit ≠ 0). */
export function runPromtool(binary: string, args: readonly string[], timeoutMs = 120_000): Promise<PromtoolOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new InfrastructureError(`Failed to run promtool ${args[0]} ${args[1] ?? ''}: ${error.message}`));
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output: Buffer.concat(chunks).toString('utf8') });
    });
  });
}
