/**
 * The podman CLI, for what the harness does before and around testcontainers: building images,
 * importing the base image, checking that podman works at all. `CHAOS_PODMAN` names another
 * executable (a test points it at one that cannot start).
 */
import { InfrastructureError } from '../../errors.js';
import { type CommandResult, type RunCommandOptions, runCommand, tailOf } from '../shared/run-command.js';

/** Set up by `npm run setup` (as root): podman from Debian, runc, and /etc/containers/containers.conf. */
export const PODMAN_SETUP_HINT =
  'Run `npm run setup` as root (it installs podman with runc and writes /etc/containers/containers.conf), ' +
  'or install podman yourself; CHAOS_PODMAN may name the executable.';

export function podmanExecutable(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHAOS_PODMAN?.trim() || 'podman';
}

/** @example const { stdout } = await runPodman(['image', 'exists', tag]); */
export function runPodman(args: readonly string[], options: RunCommandOptions = {}): Promise<CommandResult> {
  return runCommand(podmanExecutable(), args, options);
}

/**
 * `podman version`, or an InfrastructureError saying what to do: the harness cannot say anything
 * about the image without podman, and that is our set-up, not the product.
 */
export async function checkPodman(): Promise<string> {
  const result = await runPodman(['version', '--format', '{{.Client.Version}}'], { timeoutMs: 30_000 });
  if (result.spawnError)
    throw new InfrastructureError(
      `Failed to run podman ("${podmanExecutable()}"): ${result.spawnError.code ?? result.spawnError.message}. ` +
        PODMAN_SETUP_HINT,
    );
  if (result.code !== 0)
    throw new InfrastructureError(
      `Failed to run podman (exit ${result.code}): ${tailOf(result.stderr || result.stdout, 5)}. ${PODMAN_SETUP_HINT}`,
    );
  return result.stdout.trim();
}

/** True when the image exists in podman's local storage. */
export async function imageExists(tag: string): Promise<boolean> {
  return (await runPodman(['image', 'exists', tag], { timeoutMs: 30_000 })).code === 0;
}
