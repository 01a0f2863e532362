/**
 * Accelerated time inside the container: a derived image whose one added layer is libfaketime
 * (this machine's Debian build, the same library the python target preloads), with the image's
 * user, working directory, entrypoint and command unchanged. `LD_PRELOAD` and `FAKETIME` are set
 * per container, so the layer itself changes nothing until a run asks for a scale. A probe in a
 * throw-away container measures the scale achieved; if it cannot, the run stops with exit 2 and
 * says to use --time-scale 1 (where no layer is needed).
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeError, InfrastructureError } from '../../errors.js';
import { probeTimeScaleWith, type TimeScaleProbe } from '../python/faketime.js';
import { tailOf } from '../shared/run-command.js';
import type { ImageConfig } from './connector-image.js';
import { imageExists, podmanExecutable, runPodman } from './podman.js';

/** Where the layer puts the library inside the image. */
export const CONTAINER_LIBFAKETIME = '/usr/local/lib/chaos-faketime/libfaketimeMT.so.1';

export interface FaketimeImage {
  readonly tag: string;
  readonly probe: TimeScaleProbe;
}

export function faketimeContainerEnv(scale: number): Record<string, string> {
  return { LD_PRELOAD: CONTAINER_LIBFAKETIME, FAKETIME: `+0 x${scale}` };
}

/**
 * @example const derived = await buildFaketimeImage(image.tag, image.config, findLibfaketime(), 10);
 */
export async function buildFaketimeImage(
  baseTag: string,
  config: ImageConfig,
  libfaketime: string,
  scale: number,
): Promise<FaketimeImage> {
  const library = await readFile(libfaketime);
  const libHash = createHash('sha256').update(library).digest('hex').slice(0, 8);
  const tag = `${baseTag}-faketime-${libHash}`;
  if (!(await imageExists(tag))) {
    const context = await mkdtemp(join(tmpdir(), 'chaos-faketime-layer-'));
    try {
      await copyFile(libfaketime, join(context, 'libfaketimeMT.so.1'));
      // Back to the image's own user: only the library is added.
      const dockerfile = [
        `FROM ${baseTag}`,
        'USER root',
        `COPY libfaketimeMT.so.1 ${CONTAINER_LIBFAKETIME}`,
        `USER ${config.user}`,
        '',
      ].join('\n');
      await writeFile(join(context, 'Dockerfile'), dockerfile);
      const built = await runPodman(['build', '--pull=never', '-t', tag, '.'], { cwd: context, timeoutMs: 600_000 });
      if (built.code !== 0)
        throw new InfrastructureError(
          `Failed to add libfaketime to the image in a derived layer: ${tailOf(built.stderr || built.stdout, 6)}. ` +
            'Run with --time-scale 1 (no layer needed).',
        );
    } finally {
      await rm(context, { recursive: true, force: true });
    }
  }
  const env = faketimeContainerEnv(scale);
  const probe = await probeTimeScaleWith(
    podmanExecutable(),
    [
      'run',
      '--rm',
      '--network',
      'none',
      '--entrypoint',
      'python3',
      ...Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
      tag,
    ],
    { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    scale,
  ).catch((error: unknown) => {
    throw new InfrastructureError(
      `Failed to run the image under libfaketime x${scale}: ${describeError(error)} ` +
        'Run with --time-scale 1: the container target then runs at real time, with no layer.',
    );
  });
  if (probe.measuredScale < scale * 0.5)
    throw new InfrastructureError(
      `Failed to accelerate the container's clock: libfaketime x${scale} ` +
        `measured x${probe.measuredScale.toFixed(2)}. ` +
        'Run with --time-scale 1: the container target then runs at real time.',
    );
  return { tag, probe };
}
