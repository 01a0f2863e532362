/**
 * `s3-sentinel-chaos setup [--quiet] [--only python,toxiproxy,system]` (`npm run setup`): runs
 * scripts/setup.mjs (plain JS, so `npm test` can run it before anything is compiled) with the
 * tools home in its environment, and returns its exit code.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT, TOOLS_HOME_ENV, toolsHome } from '../../common/package-paths.js';

export const SETUP_SCRIPT = join(PACKAGE_ROOT, 'scripts', 'setup.mjs');

export function runSetupCommand(argv: readonly string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SETUP_SCRIPT, ...argv], {
      stdio: 'inherit',
      env: { ...process.env, [TOOLS_HOME_ENV]: toolsHome() },
    });
    child.on('error', (error) => {
      process.stderr.write(`Failed to run ${SETUP_SCRIPT}: ${error.message}. Reinstall s3-sentinel-chaos.\n`);
      resolve(2);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 2 : 0)));
  });
}
