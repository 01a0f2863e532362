/**
 * What the result file records about the build under test: the connector's own `--version`
 * output (which also proves the checkout imports) and the SDK versions pip installed.
 */
import { InfrastructureError } from '../../errors.js';
import { runCommand, tailOf } from '../shared/run-command.js';

/** pip distribution names whose versions go into `versions.sdks`. */
export const SDK_DISTRIBUTIONS = [
  'boto3',
  'botocore',
  'azure-core',
  'azure-identity',
  'azure-monitor-ingestion',
  'azure-keyvault-secrets',
  'aiohttp',
  'requests',
  'urllib3',
  'msal',
  'cryptography',
  'prometheus-client',
  'PyYAML',
] as const;

const normalise = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');

/**
 * @example await readConnectorVersion(venvPython, env, cwd) // 's3-sentinel-connector 1.0.0'
 */
export async function readConnectorVersion(
  python: string,
  env: Readonly<Record<string, string>>,
  cwd: string,
): Promise<string> {
  const result = await runCommand(python, ['-m', 's3_sentinel.cli', '--version'], { env, cwd, timeoutMs: 120_000 });
  if (result.code !== 0) {
    throw new InfrastructureError(
      `Failed to run the connector's --version from the checkout (exit ${result.code ?? 'timeout'}):\n` +
        `${tailOf(result.stderr || result.stdout, 8)}\n` +
        'Check that the checkout is complete and that its requirements installed ' +
        '(delete .chaos/venvs/<hash> to rebuild).',
    );
  }
  return result.stdout.trim().split('\n').pop() ?? '';
}

/**
 * @example await readSdkVersions(venvPython) // { boto3: '1.43.11', 'azure-core': '1.41.0', … }
 */
export async function readSdkVersions(python: string): Promise<Record<string, string>> {
  const result = await runCommand(python, ['-m', 'pip', 'list', '--format=json', '--disable-pip-version-check'], {
    timeoutMs: 60_000,
  });
  const versions: Record<string, string> = {};
  if (result.code !== 0) return versions;
  const installed = new Map(
    (JSON.parse(result.stdout) as { name: string; version: string }[]).map((p) => [normalise(p.name), p.version]),
  );
  for (const name of SDK_DISTRIBUTIONS) {
    const version = installed.get(normalise(name));
    if (version !== undefined) versions[name] = version;
  }
  return versions;
}
