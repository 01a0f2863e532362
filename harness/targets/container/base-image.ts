/**
 * No registry is reachable, so the Dockerfile's base image (`python:3.12-slim`) is produced here:
 * a Debian minbase root filesystem made with debootstrap from the machine's configured Debian
 * mirror, with Debian's Python, venv, pip and CA certificates, plus this machine's CA trust store
 * and a pip config that uses it (pip inside `podman build` verifies TLS against it). `podman import`
 * makes it an image, tagged under every name the Dockerfile asks for. Runs declare the
 * substitution like a shim.
 *
 *   hash(recipe, the machine's CAs) ─▶ lock ─▶ podman image exists chaos base:<hash>? ─yes─▶ tag, reuse
 *        └─no─▶ debootstrap ─▶ CAs + /etc/pip.conf ─▶ clean apt caches ─▶ tar | podman import ─▶ tag
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InfrastructureError, InterruptedError } from '../../errors.js';
import { acquireFileLock } from '../shared/file-lock.js';
import { runCommand, tailOf } from '../shared/run-command.js';
import { imageExists, podmanExecutable, runPodman } from './podman.js';

export const BASE_SUITE = 'bookworm';
export const BASE_PACKAGES = ['python3', 'python3-venv', 'python3-pip', 'ca-certificates', 'python-is-python3'];
/** Bumped when the recipe below changes in a way the hash inputs do not show. */
const RECIPE_VERSION = 1;
const EXTRA_CA_DIR = '/usr/local/share/ca-certificates';
const BUILD_TIMEOUT_MS = 20 * 60_000;
const BASE_REPOSITORY = 'localhost/s3-sentinel-chaos/base';

export interface BaseImage {
  /** `localhost/s3-sentinel-chaos/base:<hash>` */
  readonly tag: string;
  readonly hash: string;
  /** Python of the image, `3.11.2`. */
  readonly python: string;
  /** Wall ms the build took, or null when the cached image was reused. */
  readonly builtInMs: number | null;
  /** The sentence a run declares: `base image python:3.12-slim substituted by …`. */
  readonly substitution: string;
}

/** The machine's Debian mirror, from its apt sources (never a host we name ourselves). */
export function findDebianMirror(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CHAOS_DEBIAN_MIRROR) return env.CHAOS_DEBIAN_MIRROR;
  const files = [
    '/etc/apt/sources.list',
    ...listDir('/etc/apt/sources.list.d').map((f) => join('/etc/apt/sources.list.d', f)),
  ];
  for (const file of files) {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const deb822 = /^URIs:\s*(\S+)/m.exec(text);
    const oneLine = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+bookworm\s/m.exec(text);
    const uri = deb822?.[1] ?? oneLine?.[1];
    if (uri && !/security/.test(uri)) return uri;
  }
  return null;
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** The CA files added to this machine's trust store (its egress proxy's CA among them). */
function extraCaFiles(): string[] {
  return listDir(EXTRA_CA_DIR).filter((name) => name.endsWith('.crt'));
}

export function hashBaseRecipe(mirror: string): string {
  const hash = createHash('sha256').update(JSON.stringify({ RECIPE_VERSION, BASE_SUITE, BASE_PACKAGES, mirror }));
  for (const name of extraCaFiles()) hash.update(name).update(readFileSync(join(EXTRA_CA_DIR, name)));
  return hash.digest('hex').slice(0, 16);
}

/**
 * @example const base = await ensureBaseImage(['python:3.12-slim'], { onProgress: console.error });
 */
export async function ensureBaseImage(
  aliases: readonly string[],
  options: { readonly onProgress?: (line: string) => void; readonly signal?: AbortSignal } = {},
): Promise<BaseImage> {
  const mirror = findDebianMirror();
  if (!mirror)
    throw new InfrastructureError(
      'Failed to build the base image: no Debian mirror found in /etc/apt/sources.list(.d). ' +
        'Set CHAOS_DEBIAN_MIRROR to the mirror apt uses on this machine.',
    );
  const hash = hashBaseRecipe(mirror);
  const tag = `${BASE_REPOSITORY}:${hash}`;
  const lock = await acquireFileLock(join(tmpdir(), `s3-sentinel-chaos-base-image-${hash}.lock`), {
    purpose: `the base image ${tag}`,
    timeoutMs: BUILD_TIMEOUT_MS,
    onWait: (pid) => options.onProgress?.(`[container] waiting for pid ${pid}, which is building ${tag}`),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  try {
    let builtInMs: number | null = null;
    if (!(await imageExists(tag))) {
      const startedAt = Date.now();
      await buildBaseImage(tag, mirror, options.onProgress, options.signal);
      builtInMs = Date.now() - startedAt;
    }
    for (const alias of aliases) {
      const tagged = await runPodman(['tag', tag, ...aliasNames(alias)], { timeoutMs: 60_000 });
      if (tagged.code !== 0)
        throw new InfrastructureError(
          `Failed to tag the base image as ${alias}: ${tailOf(tagged.stderr, 3)}. Check podman's storage.`,
        );
    }
    const python = (
      await runPodman(['image', 'inspect', '--format', '{{index .Labels "chaos.python"}}', tag])
    ).stdout.trim();
    const names = aliases.join(', ') || '(none)';
    const substitution =
      `base image ${names} substituted by a Debian-built python${python} image ` +
      `(${BASE_SUITE} minbase from debootstrap, ${tag}; this machine's CA store and /etc/pip.conf added)`;
    return { tag, hash, python, builtInMs, substitution };
  } finally {
    lock.release();
  }
}

/** `python:3.12-slim` → the names podman resolves it to without a registry. */
export function aliasNames(alias: string): string[] {
  const hasRegistry = /^[^/]+[.:][^/]*\//.test(alias) || alias.startsWith('localhost/');
  if (hasRegistry) return [alias];
  const path = alias.includes('/') ? alias : `library/${alias}`;
  return [`docker.io/${path}`, `localhost/${alias}`];
}

async function buildBaseImage(
  tag: string,
  mirror: string,
  onProgress?: (line: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  if (typeof process.getuid === 'function' && process.getuid() !== 0)
    throw new InfrastructureError(
      'Failed to build the base image: debootstrap needs root. Run the container target as root (CI does).',
    );
  const rootfs = await mkdtemp(join(tmpdir(), 'chaos-base-rootfs-'));
  try {
    onProgress?.(`[container] building the base image ${tag}: debootstrap ${BASE_SUITE} minbase (first run only)`);
    const bootstrap = await runCommand(
      'debootstrap',
      ['--variant=minbase', `--include=${BASE_PACKAGES.join(',')}`, BASE_SUITE, rootfs, mirror],
      { timeoutMs: BUILD_TIMEOUT_MS, ...(signal ? { signal } : {}) },
    );
    if (signal?.aborted) throw new InterruptedError('interrupted during debootstrap');
    if (bootstrap.spawnError || bootstrap.code !== 0)
      throw new InfrastructureError(
        `Failed to build the base image with debootstrap (${bootstrap.spawnError?.code ?? bootstrap.code}): ` +
          `${tailOf(bootstrap.stderr || bootstrap.stdout, 8)}. Run \`npm run setup\` as root (installs debootstrap) ` +
          'and check that the Debian mirror is reachable.',
      );
    for (const name of extraCaFiles()) await cp(join(EXTRA_CA_DIR, name), join(rootfs, EXTRA_CA_DIR, name));
    const inChroot = await runCommand('chroot', [rootfs, 'update-ca-certificates'], { timeoutMs: 120_000 });
    if (inChroot.code !== 0)
      throw new InfrastructureError(
        `Failed to add this machine's CAs to the base image: ${tailOf(inChroot.stderr, 5)}. Check ${EXTRA_CA_DIR}.`,
      );
    await writeFile(join(rootfs, 'etc/pip.conf'), '[global]\ncert = /etc/ssl/certs/ca-certificates.crt\n');
    await rm(join(rootfs, 'var/cache/apt/archives'), { recursive: true, force: true });
    await rm(join(rootfs, 'var/lib/apt/lists'), { recursive: true, force: true });
    const version = await runCommand('chroot', [
      rootfs,
      'python3',
      '-c',
      'import platform; print(platform.python_version())',
    ]);
    const python = version.stdout.trim() || 'unknown';
    const imported = await runCommand(
      'sh',
      [
        '-c',
        `tar -C "$1" -c . | "$2" import --change 'ENV LANG=C.UTF-8' --change 'CMD ["python3"]' ` +
          `--change "LABEL chaos.python=${python}" - "$3"`,
        'sh',
        rootfs,
        podmanExecutable(),
        tag,
      ],
      { timeoutMs: BUILD_TIMEOUT_MS },
    );
    if (imported.code !== 0)
      throw new InfrastructureError(
        `Failed to import the base image into podman: ${tailOf(imported.stderr || imported.stdout, 5)}. ` +
          "Check podman's storage (podman info).",
      );
  } finally {
    await rm(rootfs, { recursive: true, force: true });
  }
}
