/**
 * What the result file says about the artifact under test: which image, built how, on which
 * (substituted) base, run as which user, in which working directory, with which entrypoint, where
 * its failed-batch store lives and whether a recreate keeps it, and what help it had.
 */
import type { ConnectorCheckout } from '../python/validate-checkout.js';
import type { PreparedImages } from './prepare-images.js';

export interface BuildDescriptionInput {
  readonly checkout: ConnectorCheckout;
  readonly images: PreparedImages;
  readonly shims: readonly string[];
  /** The entrypoint containers run with (the image's, or a shim's). */
  readonly entrypoint: readonly string[];
  readonly command: string;
  readonly configMount: string;
  readonly replicas: number;
  /** `--replicas`, the manifest file the count came from, or null (none found: 1). */
  readonly replicasFrom: string | null;
  readonly storeDir: string;
  readonly network: string;
  readonly timeScale: number;
}

const seconds = (ms: number | null): string => (ms === null ? 'cached' : `${(ms / 1_000).toFixed(1)} s`);

export function describeContainerBuild(input: BuildDescriptionInput): Record<string, string> {
  const { images, checkout } = input;
  const image = images.connector.config;
  const shimmed = input.entrypoint.join(' ') !== image.entrypoint.join(' ');
  const onVolume = image.volumes.some((volume) => input.storeDir.startsWith(volume));
  const probe = images.probe;
  return {
    name: 'container',
    commit: checkout.commit,
    dirty: checkout.dirty ? 'yes (tracked files differ from HEAD)' : 'no',
    image:
      images.connector.changes.length === 0
        ? `${images.connector.tag} (podman build of the checkout's Dockerfile, unmodified)`
        : `${images.connector.tag} (equivalent-image shim: ${images.connector.changes.join('; ')})`,
    imageBuild: seconds(images.connector.builtInMs),
    baseImage: images.base.substitution,
    baseImageBuild: seconds(images.base.builtInMs),
    user: image.user,
    workingDir: image.workingDir,
    entrypoint: shimmed
      ? `${JSON.stringify(input.entrypoint)} (shim; the image's is ${JSON.stringify(image.entrypoint)})`
      : JSON.stringify(image.entrypoint),
    command: `${input.command} (image CMD ${JSON.stringify(image.cmd)}; config mounted at ${input.configMount})`,
    replicas: `${input.replicas} (${input.replicasFrom ?? 'no Deployment manifest found'})`,
    failedBatchStore:
      `${input.storeDir} on each container's own filesystem` +
      (onVolume
        ? ' (an image VOLUME: a recreated container gets a fresh anonymous one)'
        : ' (no volume: a recreated container starts with an empty store)'),
    network: input.network,
    shims: input.shims.length > 0 ? input.shims.join(',') : 'none',
    podman: images.podmanVersion,
    time: probe
      ? `libfaketime x${input.timeScale} in a derived layer (${images.runImage}; ` +
        `probe measured x${probe.measuredScale.toFixed(2)})`
      : 'real time',
  };
}
