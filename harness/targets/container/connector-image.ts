/**
 * The checkout's own image, built from its own Dockerfile with podman, unmodified, on the locally
 * built base (`--pull=never`: no registry is reachable). Cached by content hash: the base image's
 * hash and every file git sees in the checkout (tracked, and untracked but not ignored).
 *
 * A build that fails is the product failing (ProductFailureError, verdict `failed`), with the
 * build log as evidence; a podman that cannot run at all is ours (InfrastructureError, exit 2).
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InfrastructureError, InterruptedError, ProductFailureError } from '../../errors.js';
import { runCommand, tailOf } from '../shared/run-command.js';
import { imageExists, runPodman } from './podman.js';

const CONNECTOR_REPOSITORY = 'localhost/s3-sentinel-chaos/connector';
const BUILD_TIMEOUT_MS = 30 * 60_000;
/** Lines of the build log the evidence carries (the full log is a file next to it). */
const EVIDENCE_LINES = 40;

export interface ConnectorImage {
  readonly tag: string;
  readonly hash: string;
  /** Wall ms of the build, or null when the cached image was reused. */
  readonly builtInMs: number | null;
  /** The image's own configuration, as it ships. */
  readonly config: ImageConfig;
  /** What the `equivalent-image` shim changed in the Dockerfile ([] for the checkout's own). */
  readonly changes: readonly string[];
}

export interface ImageConfig {
  readonly user: string;
  readonly workingDir: string;
  readonly entrypoint: readonly string[];
  readonly cmd: readonly string[];
  readonly env: readonly string[];
  readonly volumes: readonly string[];
}

export async function hashBuildContext(checkoutDir: string, baseHash: string): Promise<string> {
  const listed = await runCommand('git', ['-C', checkoutDir, 'ls-files', '-co', '--exclude-standard', '-z'], {
    timeoutMs: 60_000,
  });
  if (listed.code !== 0)
    throw new InfrastructureError(
      `Failed to list the checkout's files: ${tailOf(listed.stderr, 3)}. Is it a git checkout?`,
    );
  const hash = createHash('sha256').update(`base ${baseHash}\n`);
  for (const file of listed.stdout.split('\0').filter(Boolean).sort()) {
    const content = await readFile(join(checkoutDir, file)).catch(() => null);
    hash
      .update(`${file}\0`)
      .update(content ?? 'missing')
      .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * @example const image = await buildConnectorImage('/tmp/connector', base.hash, { logDir });
 */
/**
 * The `equivalent-image` shim's Dockerfile: the checkout's, with `COPY . .` before every
 * `RUN pip install .`, and the list of what differs (for the result file).
 */
export function equivalentDockerfile(dockerfile: string): { text: string; changes: string[] } {
  const changes: string[] = [];
  const lines = dockerfile.split('\n').flatMap((line, i) => {
    if (!/^\s*RUN\s+.*pip install \.(\s|$)/.test(line)) return [line];
    changes.push(`line ${i + 1} \`${line.trim()}\` preceded by an added \`COPY . .\``);
    return ['COPY . .', line];
  });
  return { text: lines.join('\n'), changes };
}

export async function buildConnectorImage(
  checkoutDir: string,
  baseHash: string,
  options: {
    readonly logDir: string;
    readonly onProgress?: (line: string) => void;
    readonly signal?: AbortSignal;
    /** The `equivalent-image` shim: build from equivalentDockerfile() instead of the checkout's own. */
    readonly equivalent?: boolean;
  },
): Promise<ConnectorImage> {
  const contextHash = await hashBuildContext(checkoutDir, baseHash);
  const hash = options.equivalent ? `${contextHash}-equivalent` : contextHash;
  const tag = `${CONNECTOR_REPOSITORY}:${hash}`;
  let dockerfilePath = 'Dockerfile';
  let changes: string[] = [];
  if (options.equivalent) {
    const derived = equivalentDockerfile(await readFile(join(checkoutDir, 'Dockerfile'), 'utf8'));
    dockerfilePath = join(options.logDir, 'Dockerfile.equivalent');
    await writeFile(dockerfilePath, derived.text);
    changes = derived.changes;
  }
  let builtInMs: number | null = null;
  if (!(await imageExists(tag))) {
    const recipe = options.equivalent ? "the equivalent-image shim's Dockerfile" : 'its own Dockerfile';
    options.onProgress?.(`[container] podman build ${checkoutDir} (${recipe}; cached by hash ${hash})`);
    const startedAt = Date.now();
    const built = await runPodman(['build', '--pull=never', '-t', tag, '-f', dockerfilePath, '.'], {
      cwd: checkoutDir,
      timeoutMs: BUILD_TIMEOUT_MS,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (options.signal?.aborted) throw new InterruptedError('interrupted during podman build');
    builtInMs = Date.now() - startedAt;
    const log = `${built.stdout}\n${built.stderr}`;
    const logPath = join(options.logDir, 'podman-build.log');
    await writeFile(logPath, log).catch(() => undefined);
    if (built.spawnError) throw new InfrastructureError(`Failed to run podman build: ${built.spawnError.message}.`);
    if (built.code !== 0) {
      throw new ProductFailureError(
        "the connector image builds from the checkout's Dockerfile",
        `podman build of the checkout's own Dockerfile exited ${built.code ?? 'on timeout'}.`,
        [
          `podman build --pull=never -f Dockerfile ${checkoutDir} exited ${built.code}; last lines:`,
          ...tailOf(log, EVIDENCE_LINES).split('\n'),
        ],
        { targetVersions: { name: 'container', image: `${tag} (build failed)` } },
      );
    }
  }
  return { tag, hash, builtInMs, config: await inspectImage(tag), changes };
}

export async function inspectImage(tag: string): Promise<ImageConfig> {
  const inspected = await runPodman(['image', 'inspect', '--format', '{{json .Config}}', tag], { timeoutMs: 60_000 });
  if (inspected.code !== 0)
    throw new InfrastructureError(`Failed to inspect image ${tag}: ${tailOf(inspected.stderr, 3)}. Check podman.`);
  const config = JSON.parse(inspected.stdout) as {
    User?: string;
    WorkingDir?: string;
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    Env?: string[] | null;
    Volumes?: Record<string, unknown> | null;
  };
  return {
    user: config.User || 'root',
    workingDir: config.WorkingDir || '/',
    entrypoint: config.Entrypoint ?? [],
    cmd: config.Cmd ?? [],
    env: config.Env ?? [],
    volumes: Object.keys(config.Volumes ?? {}),
  };
}
