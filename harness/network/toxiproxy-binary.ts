import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { toolsHome } from '../../common/package-paths.js';
import { InfrastructureError } from '../errors.js';

/**
 * Where `node scripts/setup.mjs` installs the pinned toxiproxy-server (Go module build): `.tools/bin`
 * in the tools home (the repository root, or a cache dir for an installed package).
 */
export const DEFAULT_TOXIPROXY_BINARY = join(toolsHome(), '.tools', 'bin', 'toxiproxy-server');

/** Thrown when toxiproxy-server is not installed; the message names the command that installs it. */
export class ToxiproxyNotInstalledError extends InfrastructureError {
  constructor(readonly binaryPath: string) {
    super(
      `Failed to start Toxiproxy: toxiproxy-server is not installed at ${binaryPath}. ` +
        'Run `npm run setup` (or `node scripts/setup.mjs --only toxiproxy`) to build it.',
    );
    this.name = 'ToxiproxyNotInstalledError';
  }
}

/** Returns `binaryPath` when it is an executable file, else throws `ToxiproxyNotInstalledError`. */
export function resolveToxiproxyBinary(binaryPath: string = DEFAULT_TOXIPROXY_BINARY): string {
  try {
    accessSync(binaryPath, constants.X_OK);
  } catch {
    throw new ToxiproxyNotInstalledError(binaryPath);
  }
  return binaryPath;
}
