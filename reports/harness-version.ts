import { readPackageVersion } from '../common/package-paths.js';

/** The harness version from package.json (the report header's "harness version"). */
export async function readHarnessVersion(): Promise<string> {
  return readPackageVersion();
}
