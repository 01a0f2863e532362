/**
 * Checks that a directory is a source checkout of the connector before anything is built from
 * it: a git work tree with `requirements.txt` and `src/s3_sentinel/cli.py` (the module the
 * harness runs with `python -m s3_sentinel.cli`, connector-contract.md §1.2).
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import { runCommand } from '../shared/run-command.js';

export interface ConnectorCheckout {
  /** Absolute path of the work tree. */
  readonly dir: string;
  readonly requirementsPath: string;
  /** `git rev-parse HEAD`. */
  readonly commit: string;
  /** True when tracked files differ from HEAD (recorded, so results say the build was not clean). */
  readonly dirty: boolean;
}

const REQUIRED_FILES = ['requirements.txt', join('src', 's3_sentinel', 'cli.py')] as const;

/**
 * @example const checkout = await validateCheckout('/tmp/connector');
 */
export async function validateCheckout(dirInput: string): Promise<ConnectorCheckout> {
  const dir = isAbsolute(dirInput) ? dirInput : resolve(dirInput);
  const hint = 'Pass --connector <dir> (or CONNECTOR_DIR) pointing at a git checkout of topazyo/s3-sentinel-connector.';
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UsageError(
      `Failed to use connector directory "${dir}": it does not exist or is not a directory. ${hint}`,
    );
  for (const file of REQUIRED_FILES) {
    if (!existsSync(join(dir, file)))
      throw new UsageError(
        `Failed to use connector directory "${dir}": ${file} is missing, so it is not a connector checkout. ${hint}`,
      );
  }
  const head = await runCommand('git', ['-C', dir, 'rev-parse', 'HEAD'], { timeoutMs: 15_000 });
  if (head.spawnError)
    throw new UsageError(
      `Failed to read the connector's commit: git is not installed (${head.spawnError.code}). Install git.`,
    );
  if (head.code !== 0) {
    const firstLine = head.stderr.trim().split('\n')[0];
    throw new UsageError(
      `Failed to use connector directory "${dir}": it is not a git checkout (${firstLine}). ${hint}`,
    );
  }
  const status = await runCommand('git', ['-C', dir, 'status', '--porcelain', '--untracked-files=no'], {
    timeoutMs: 15_000,
  });
  return {
    dir,
    requirementsPath: join(dir, 'requirements.txt'),
    commit: head.stdout.trim(),
    dirty: status.code === 0 && status.stdout.trim() !== '',
  };
}
