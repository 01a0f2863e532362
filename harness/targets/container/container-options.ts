/**
 * `--target-option` and `--shim` for the container target: the python target's options (the
 * same connector, the same config file), and of its shims those that work inside the image by
 * mounting our driver and changing only the entrypoint.
 */
import type { Assistance } from '../../domain/assistance.js';
import type { BreakerConfig } from '../../domain/breaker.js';
import { UsageError } from '../../errors.js';
import { type PythonTargetOptions, parsePythonTargetOptions } from '../python/python-target-options.js';

export const CONTAINER_SHIMS = {
  'upload-adapter':
    'python/driver/connector_driver.py and the checkout source are mounted read-only and the entrypoint becomes ' +
    "the driver, which adapts the router's upload call (connector-contract §1.5/§1.6) and runs the checkout's " +
    "s3_sentinel.cli (the image's installed package is not what runs)",
  'breaker-config': "the driver overrides the connector's CircuitBreakerConfig (breaker target options)",
  'equivalent-image':
    "builds an equivalent image when the checkout's own Dockerfile does not build: the same Dockerfile with " +
    '`COPY . .` added before every `RUN pip install .` (the whole checkout in the build stage, as installing a ' +
    'source tree expects); base, user, working directory, file ownership and entrypoint stay as written',
} as const;
/** Shims the driver applies inside the image (the others change how the image is built). */
export const DRIVER_SHIMS: readonly ContainerShim[] = ['upload-adapter', 'breaker-config'];
export type ContainerShim = keyof typeof CONTAINER_SHIMS;
/** The python target's options, with the container's shims. */
export type ContainerTargetOptions = Omit<PythonTargetOptions, 'shims'> & { readonly shims: readonly ContainerShim[] };

export function parseContainerOptions(
  options: Readonly<Record<string, string>>,
  shims: readonly string[],
  underTest?: BreakerConfig,
): ContainerTargetOptions {
  for (const shim of shims)
    if (!(shim in CONTAINER_SHIMS))
      throw new UsageError(
        `Failed to configure target "container": unknown shim "${shim}". ` +
          `Shims that work inside the image: ${Object.keys(CONTAINER_SHIMS).join(', ')}.`,
      );
  if (options.failed_batches_dir !== undefined || options.secret_refresh_ms !== undefined)
    throw new UsageError(
      'Failed to configure target "container": failed_batches_dir and secret_refresh_ms are python-target options; ' +
        'the container runs the image as it ships. Drop them.',
    );
  const driverShims = shims.filter((s) => s !== 'equivalent-image');
  const parsed = parsePythonTargetOptions(options, driverShims, underTest);
  return { ...parsed, shims: [...new Set(shims as ContainerShim[])] };
}

/** The banner every container run prints: the base substitution always, shims when asked for. */
export function describeContainerHelp(shims: readonly string[]): string {
  const equivalent = shims.includes('equivalent-image');
  const driver = shims.filter((s) => s !== 'equivalent-image');
  const base =
    'DECLARED: no registry is reachable, so the base image the Dockerfile names is substituted by a ' +
    'Debian-built python3 image (see versions.target.baseImage)' +
    (equivalent
      ? "; the image is built from an EQUIVALENT of the checkout's Dockerfile (`COPY . .` added before " +
        '`pip install .`; versions.target.image names each change), not the Dockerfile as shipped.'
      : "; the checkout's Dockerfile is built unmodified.");
  if (driver.length === 0) return equivalent ? `SHIMS ACTIVE (equivalent-image): ${base}` : base;
  return (
    `SHIMS ACTIVE (${shims.join(', ')}): inside the image, our driver is mounted and only the entrypoint changes ` +
    "(user, working directory and file permissions are the image's); this run does NOT test the unmodified " +
    `image. ${base}`
  );
}

/**
 * Every help a container run gives the image, for the result's `assistance`: the base image
 * substitution always, libfaketime when the time is scaled, and each shim asked for.
 *
 * @example describeContainerAssistance({ substitution: s, shims: [], equivalentChanges: [], timeScale: 1 })
 */
export function describeContainerAssistance(input: {
  readonly substitution: string;
  readonly shims: readonly ContainerShim[];
  readonly equivalentChanges: readonly string[];
  readonly timeScale: number;
}): Assistance[] {
  const help: Assistance[] = [{ kind: 'substitution', name: 'base-image', description: input.substitution }];
  if (input.timeScale !== 1)
    help.push({
      kind: 'setting',
      name: 'faketime-layer',
      description:
        `libfaketime added in a layer derived from the built image and preloaded (LD_PRELOAD) to run the ` +
        `container's clock ×${input.timeScale}; the image's own layers, user and entrypoint are unchanged`,
    });
  for (const shim of input.shims) {
    const changes = shim === 'equivalent-image' && input.equivalentChanges.length > 0;
    help.push({
      kind: shim === 'equivalent-image' ? 'substitution' : 'shim',
      name: shim,
      description: changes ? `${CONTAINER_SHIMS[shim]}: ${input.equivalentChanges.join('; ')}` : CONTAINER_SHIMS[shim],
    });
  }
  return help;
}
