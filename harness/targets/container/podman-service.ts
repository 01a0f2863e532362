/**
 * podman's Docker-compatible API on a unix socket, for testcontainers: `podman system service
 * --time=0 unix://<socket>`, started by the run and stopped by it (pass, fail, Ctrl-C), never left
 * behind. One socket path per harness process: testcontainers keeps the first DOCKER_HOST it sees
 * for the life of the process, so the next run in the same process restarts the service there.
 *
 *   start ─▶ spawn (own process group) ─▶ GET /_ping on the socket ─ 200 ─▶ ready
 *     └─ exits first / no answer in time ─▶ InfrastructureError (with podman's stderr)
 *   stop  ─▶ SIGTERM the group ─▶ ≤ 5 s ─▶ SIGKILL ─▶ remove the socket
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InfrastructureError } from '../../errors.js';
import { PODMAN_SETUP_HINT, podmanExecutable } from './podman.js';

/** Wall ms the service gets to answer its first ping (it is usually ready in under a second). */
const SERVICE_START_TIMEOUT_MS = 30_000;
const SERVICE_STOP_GRACE_MS = 5_000;

export interface PodmanService {
  readonly socketPath: string;
  /** `unix://<socketPath>`, for DOCKER_HOST. */
  readonly dockerHost: string;
  /** Idempotent. */
  stop(): Promise<void>;
}

/** The socket path this harness process uses (see the file comment). */
export function podmanSocketPath(): string {
  return join(tmpdir(), `s3-sentinel-chaos-podman-${process.pid}`, 'podman.sock');
}

/** @example const service = await startPodmanService(); … await service.stop(); */
export async function startPodmanService(socketPath = podmanSocketPath()): Promise<PodmanService> {
  mkdirSync(join(socketPath, '..'), { recursive: true });
  rmSync(socketPath, { force: true });
  const child = spawn(podmanExecutable(), ['system', 'service', '--time=0', `unix://${socketPath}`], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4_000);
  });
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve(error.message));
    child.once('exit', (code, signal) => resolve(`exited (code ${code}, signal ${signal})`));
  });
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      signalGroup(child.pid, 'SIGTERM');
      const grace = new Promise((resolve) => setTimeout(resolve, SERVICE_STOP_GRACE_MS).unref());
      await Promise.race([exited, grace]);
      signalGroup(child.pid, 'SIGKILL');
      await exited;
      rmSync(join(socketPath, '..'), { recursive: true, force: true });
    })());
  const deadline = Date.now() + SERVICE_START_TIMEOUT_MS;
  let early: string | null = null;
  void exited.then((why) => {
    early = why;
  });
  while (Date.now() < deadline && early === null) {
    if (await ping(socketPath)) return { socketPath, dockerHost: `unix://${socketPath}`, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  const why = early ?? `no answer on ${socketPath} within ${SERVICE_START_TIMEOUT_MS} ms`;
  const said = stderr.trim().split('\n').slice(-5).join(' | ');
  throw new InfrastructureError(
    `Failed to start podman's Docker-compatible service: ${why}${said ? ` (${said})` : ''}. ${PODMAN_SETUP_HINT}`,
  );
}

function ping(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', method: 'GET', timeout: 1_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.once('error', () => resolve(false));
    req.once('timeout', () => req.destroy());
    req.end();
  });
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: already gone.
  }
}
