#!/usr/bin/env node
// Idempotent project set-up: everything the tests and scenarios need beyond `npm ci`.
//
//   node scripts/setup.mjs [--quiet] [--only python,toxiproxy,promtool,system,podman]
//
// - python:    a project-local virtual environment (.venv) with the Python SDKs pinned in
//              python/requirements-sdk.txt. Re-installed only when that file changes.
// - toxiproxy: the Toxiproxy server, built from its Go module at a pinned version with the
//              machine's Go toolchain, into .tools/bin. Re-built only when the pin changes.
// - promtool:  Prometheus's promtool (rule checks and rule unit tests: the harness evaluates
//              alert rules with Prometheus's own engine), built the same way into .tools/bin.
// - system:    Debian packages the tests use (faketime for --time-scale on the python
//              target, chromium for the report's browser test). Installed with apt-get when
//              missing and we are root; otherwise the exact command is printed.
// - podman:    for --target container (root only, CI included): podman 4.3 from Debian with runc
//              (crun fails on this machine type's hybrid cgroups), slirp4netns (each replica's own
//              network namespace, reaching the fakes on loopback), debootstrap (the locally built
//              base image), and /etc/containers/containers.conf with `default_ulimits = []` (the
//              default nofile/nproc ulimits fail here) and `runtime = "runc"`. Not root: skipped
//              with the command to run. The podman service itself is started by each run.
//
// Each step writes a stamp file so that a second run costs milliseconds.
//
// Where: `.venv` and `.tools` go in the tools home: $S3_SENTINEL_CHAOS_HOME when set (the
// `s3-sentinel-chaos setup` command always sets it, see common/package-paths.ts), else this
// repository's root. An installed package (under node_modules) needs only what a run needs:
// by default toxiproxy, promtool and faketime; the SDK venv and chromium are for this repository's tests.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TOXIPROXY_MODULE = 'github.com/Shopify/toxiproxy/v2';
export const TOXIPROXY_VERSION = 'v2.5.0';
// Prometheus's Go module is versioned v0.<major><minor>.<patch>: v0.316.0 is Prometheus 3.16.0.
export const PROMTOOL_MODULE = 'github.com/prometheus/prometheus';
export const PROMTOOL_VERSION = 'v0.316.0';
const SYSTEM_PACKAGES = [
  { bin: 'faketime', pkg: 'faketime', libCheck: '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1' },
  { bin: 'chromium', pkg: 'chromium', testsOnly: true },
];

const PODMAN_PACKAGES = ['podman', 'runc', 'slirp4netns', 'debootstrap'];
const CONTAINERS_CONF = '/etc/containers/containers.conf';
const CONTAINERS_CONF_TEXT =
  '# Written by s3-sentinel-chaos `npm run setup` (podman step): see scripts/setup.mjs.\n' +
  '[containers]\ndefault_ulimits = []\n\n[engine]\nruntime = "runc"\n';
const PODMAN_STAMP = '/var/lib/s3-sentinel-chaos/podman-setup.stamp';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const installed = root.split(sep).includes('node_modules');
const home = process.env.S3_SENTINEL_CHAOS_HOME || root;
const args = process.argv.slice(2);
const quiet = args.includes('--quiet');
const onlyIndex = args.indexOf('--only');
const only =
  onlyIndex >= 0
    ? new Set(String(args[onlyIndex + 1] ?? '').split(','))
    : installed
      ? new Set(['toxiproxy', 'promtool', 'system'])
      : null;
if (args.includes('--help')) {
  console.log(`Usage: s3-sentinel-chaos setup [--quiet] [--only python,toxiproxy,promtool,system,podman]
       (in this repository: npm run setup -- [options], or node scripts/setup.mjs [options])

Installs, idempotently, what runs and tests need into ${home}
(the tools home: $S3_SENTINEL_CHAOS_HOME, else the repository root, else ~/.cache/s3-sentinel-chaos):
  python     .venv with python/requirements-sdk.txt (this repository's tests)
  toxiproxy  .tools/bin/toxiproxy-server ${TOXIPROXY_VERSION}, built with Go (network scenarios)
  promtool   .tools/bin/promtool ${PROMTOOL_VERSION}, built with Go (alert rules; a few minutes, once)
  system     faketime (python target time scaling)${installed ? '' : ', chromium (report browser test)'}, via apt-get
  podman     podman, runc, slirp4netns, debootstrap and containers.conf (--target container; root only)
Default: ${installed ? 'toxiproxy,promtool,system (installed package)' : 'all five'}.`);
  process.exit(0);
}

// --quiet hides "present" lines, never work: a first run spends minutes building, and says so.
const DOING = /^(creating|building|installing|writing)\b/;
const log = (msg) => {
  if (!quiet || DOING.test(msg)) console.log(`[setup] ${msg}`);
};
const fail = (msg) => {
  console.error(`[setup] Failed: ${msg}`);
  process.exit(2);
};

function run(cmd, cmdArgs, options = {}) {
  const result = spawnSync(cmd, cmdArgs, { stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8', ...options });
  if (result.error) fail(`could not run ${cmd}: ${result.error.message}`);
  if (result.status !== 0) {
    if (quiet) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    fail(`${cmd} ${cmdArgs.join(' ')} exited with ${result.status}`);
  }
  return result;
}

function has(bin) {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
}

function stampMatches(stampPath, value) {
  return existsSync(stampPath) && readFileSync(stampPath, 'utf8') === value;
}

function setupPython() {
  const requirements = join(root, 'python', 'requirements-sdk.txt');
  const venv = join(home, '.venv');
  const python = join(venv, 'bin', 'python');
  const stamp = join(venv, '.requirements-sha256');
  const digest = createHash('sha256').update(readFileSync(requirements)).digest('hex');
  if (existsSync(python) && stampMatches(stamp, digest)) return log('python SDK venv up to date');
  if (!has('python3')) fail('python3 is not on PATH. Install Python 3.11 or later, then re-run `npm run setup`.');
  log('creating .venv and installing python/requirements-sdk.txt from PyPI');
  if (!existsSync(python)) run('python3', ['-m', 'venv', venv]);
  run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '-q', '-r', requirements]);
  writeFileSync(stamp, digest);
}

function setupToxiproxy() {
  const binDir = join(home, '.tools', 'bin');
  const binary = join(binDir, 'toxiproxy-server');
  const stamp = join(home, '.tools', '.toxiproxy-version');
  if (existsSync(binary) && stampMatches(stamp, TOXIPROXY_VERSION))
    return log(`toxiproxy-server ${TOXIPROXY_VERSION} present`);
  if (!has('go'))
    fail(
      'the Go toolchain is not on PATH; it is needed to build toxiproxy-server. ' +
        'Install Go, then re-run `npm run setup`.',
    );
  log(`building toxiproxy-server ${TOXIPROXY_VERSION} with go install`);
  mkdirSync(binDir, { recursive: true });
  // In v2.5.0 the server's main package is cmd/server, so `go install` names the binary
  // `server`; build it with `go build -o` to get the conventional name instead.
  const gopath = join(home, '.tools', 'gopath');
  const env = {
    ...process.env,
    GOBIN: binDir,
    GOPATH: process.env.GOPATH ?? gopath,
    CGO_ENABLED: '0',
    GOFLAGS: '-mod=mod',
  };
  run('go', ['install', `${TOXIPROXY_MODULE}/cmd/server@${TOXIPROXY_VERSION}`], { env });
  run('mv', ['-f', join(binDir, 'server'), binary]);
  writeFileSync(stamp, TOXIPROXY_VERSION);
}

function setupPromtool() {
  const binDir = join(home, '.tools', 'bin');
  const binary = join(binDir, 'promtool');
  const stamp = join(home, '.tools', '.promtool-version');
  if (existsSync(binary) && stampMatches(stamp, PROMTOOL_VERSION)) return log(`promtool ${PROMTOOL_VERSION} present`);
  if (!has('go'))
    fail('the Go toolchain is not on PATH; it is needed to build promtool. Install Go, then re-run `npm run setup`.');
  // About 4 minutes on a 2-core machine: Prometheus is a large module. The stamp makes it once.
  log(`building promtool ${PROMTOOL_VERSION} with go install (a few minutes, once)`);
  mkdirSync(binDir, { recursive: true });
  const env = {
    ...process.env,
    GOBIN: binDir,
    GOPATH: process.env.GOPATH ?? join(home, '.tools', 'gopath'),
    CGO_ENABLED: '0',
    GOFLAGS: '-mod=mod',
  };
  run('go', ['install', `${PROMTOOL_MODULE}/cmd/promtool@${PROMTOOL_VERSION}`], { env });
  writeFileSync(stamp, PROMTOOL_VERSION);
}

function setupSystem() {
  const missing = SYSTEM_PACKAGES.filter(
    (p) => !(installed && p.testsOnly) && (!has(p.bin) || (p.libCheck && !existsSync(p.libCheck))),
  );
  if (missing.length === 0) return log('system packages present');
  const names = missing.map((p) => p.pkg).join(' ');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !has('apt-get')) {
    fail(`missing Debian packages: ${names}. Install them with: sudo apt-get install -y ${names}`);
  }
  log(`installing Debian packages: ${names}`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing.map((p) => p.pkg)], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function setupPodman() {
  const digest = createHash('sha256')
    .update(`${PODMAN_PACKAGES.join(',')}\n${CONTAINERS_CONF_TEXT}`)
    .digest('hex');
  const present = PODMAN_PACKAGES.every((pkg) => spawnSync('dpkg', ['-s', pkg], { stdio: 'ignore' }).status === 0);
  if (present && stampMatches(PODMAN_STAMP, digest)) return log('podman (runc, slirp4netns, debootstrap) set up');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !has('apt-get')) {
    log(
      `podman not set up (needed by --target container only): as root, run \`npm run setup\`, or ` +
        `apt-get install ${PODMAN_PACKAGES.join(' ')} and write ${CONTAINERS_CONF} as scripts/setup.mjs does`,
    );
    return;
  }
  if (!present) {
    log(`installing ${PODMAN_PACKAGES.join(' ')} (for --target container)`);
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...PODMAN_PACKAGES], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  mkdirSync(dirname(CONTAINERS_CONF), { recursive: true });
  writeFileSync(CONTAINERS_CONF, CONTAINERS_CONF_TEXT);
  mkdirSync(dirname(PODMAN_STAMP), { recursive: true });
  writeFileSync(PODMAN_STAMP, digest);
}

if (!installed && !existsSync(join(root, 'node_modules'))) fail('node_modules is missing. Run `npm ci` first.');
const steps = {
  python: setupPython,
  toxiproxy: setupToxiproxy,
  promtool: setupPromtool,
  system: setupSystem,
  podman: setupPodman,
};
for (const [name, step] of Object.entries(steps)) {
  if (!only || only.has(name)) step();
}
