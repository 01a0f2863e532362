import { readFile } from 'node:fs/promises';

/** The harness's own version (package.json), for the result file. */
export async function readHarnessVersion(): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
