import { accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InfrastructureError } from '../errors.js';

/** Where `node scripts/setup.mjs` installs the pinned toxiproxy-server (Go module build). */
export const DEFAULT_TOXIPROXY_BINARY = fileURLToPath(new URL('../../.tools/bin/toxiproxy-server', import.meta.url));

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
