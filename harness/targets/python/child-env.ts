/**
 * The connector's whole environment, built from nothing: the fakes' block, what Python needs,
 * and no more. Every `APP_*` variable is a config override to the connector (§1.4) and
 * `AZURE_*`/`AWS_*`/`MSI_*`/`IDENTITY_*` steer its SDKs, so none may leak in from the harness's
 * own environment; spawnTargetProcess inherits nothing, and this builder adds only what it names.
 */
import { join } from 'node:path';

/** Variables the harness must never pass through from its own environment. */
export const SCRUBBED_PREFIXES = ['APP_', 'AZURE_', 'AWS_', 'MSI_', 'IDENTITY_'] as const;

export interface ChildEnvInput {
  readonly fakesEnv: Readonly<Record<string, string>>;
  readonly connectorDir: string;
  readonly venvDir: string;
  /** A scratch HOME, so ~/.aws and ~/.azure of the user are never read. */
  readonly homeDir: string;
  /** libfaketime preload, when time is accelerated. */
  readonly extra?: Readonly<Record<string, string>>;
  readonly parentEnv?: NodeJS.ProcessEnv;
}

export function isScrubbed(name: string): boolean {
  return SCRUBBED_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/**
 * @example const env = buildChildEnv({ fakesEnv: fakes.env, connectorDir, venvDir, homeDir });
 */
export function buildChildEnv(input: ChildEnvInput): Record<string, string> {
  const parent = input.parentEnv ?? process.env;
  const env: Record<string, string> = {
    PATH: `${join(input.venvDir, 'bin')}:/usr/local/bin:/usr/bin:/bin`,
    HOME: input.homeDir,
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    VIRTUAL_ENV: input.venvDir,
    PYTHONPATH: `${input.connectorDir}:${join(input.connectorDir, 'src')}`,
    // Breaker lines carry "→": read stderr as UTF-8 whatever the locale (§2.1).
    PYTHONUTF8: '1',
    PYTHONIOENCODING: 'utf-8',
    PYTHONUNBUFFERED: '1',
    PYTHONNOUSERSITE: '1',
    // Bytecode goes next to the venv, never into the user's checkout.
    PYTHONPYCACHEPREFIX: join(input.venvDir, 'pycache'),
    // botocore reads these files when present; point it at files that do not exist.
    AWS_CONFIG_FILE: join(input.homeDir, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(input.homeDir, 'no-aws-credentials'),
  };
  // Log timestamps are local time; the harness parses them in its own zone.
  if (parent.TZ) env.TZ = parent.TZ;
  if (parent.TMPDIR) env.TMPDIR = parent.TMPDIR;
  Object.assign(env, input.fakesEnv, input.extra ?? {});
  return env;
}
