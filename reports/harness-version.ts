import { readFile } from 'node:fs/promises';

/** The harness version from package.json (the report header's "harness version"). */
export async function readHarnessVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}
