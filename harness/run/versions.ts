import { readPackageVersion } from '../../common/package-paths.js';

/** The harness's own version (package.json), for the result file. */
export async function readHarnessVersion(): Promise<string> {
  return readPackageVersion();
}
