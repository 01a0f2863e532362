/**
 * Every image a container run needs, in order, each cached by content hash:
 *
 *   podman works? ─▶ base image (debootstrap, tagged as the Dockerfile's FROM) ─▶ the checkout's image
 *                 ─▶ (time scale ≠ 1) the same image + a libfaketime layer, probed
 *
 * Failures of our own steps are InfrastructureErrors (exit 2); the checkout's build failing is the
 * product's (ProductFailureError, verdict `failed`).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ProductFailureError } from '../../errors.js';
import type { TimeScaleProbe } from '../python/faketime.js';
import { findLibfaketime } from '../python/faketime.js';
import { type BaseImage, ensureBaseImage } from './base-image.js';
import { buildConnectorImage, type ConnectorImage } from './connector-image.js';
import { externalBaseImages } from './dockerfile.js';
import { buildFaketimeImage } from './faketime-layer.js';
import { checkPodman } from './podman.js';

export interface PreparedImages {
  readonly podmanVersion: string;
  readonly base: BaseImage;
  readonly connector: ConnectorImage;
  /** The image containers run: the connector's, or its libfaketime derivative. */
  readonly runImage: string;
  readonly probe: TimeScaleProbe | null;
}

export async function prepareImages(
  checkoutDir: string,
  options: {
    readonly timeScale: number;
    readonly logDir: string;
    /** The `equivalent-image` shim. */
    readonly equivalent: boolean;
    readonly onProgress?: (line: string) => void;
    readonly signal?: AbortSignal;
  },
): Promise<PreparedImages> {
  const podmanVersion = await checkPodman();
  const dockerfile = await readFile(join(checkoutDir, 'Dockerfile'), 'utf8');
  const base = await ensureBaseImage(externalBaseImages(dockerfile), {
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (base.builtInMs !== null)
    options.onProgress?.(`[container] base image built in ${(base.builtInMs / 1_000).toFixed(1)} s (${base.tag})`);
  const connector = await buildConnectorImage(checkoutDir, base.hash, {
    logDir: options.logDir,
    equivalent: options.equivalent,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  }).catch((error: unknown) => {
    // The product failed to build on OUR base: the result must still say which base that was.
    if (!(error instanceof ProductFailureError)) throw error;
    const targetVersions = { ...error.targetVersions, baseImage: base.substitution, podman: podmanVersion };
    throw new ProductFailureError(error.what, error.message, error.evidence, { cause: error, targetVersions });
  });
  if (options.timeScale === 1) return { podmanVersion, base, connector, runImage: connector.tag, probe: null };
  const derived = await buildFaketimeImage(connector.tag, connector.config, findLibfaketime(), options.timeScale);
  return { podmanVersion, base, connector, runImage: derived.tag, probe: derived.probe };
}
