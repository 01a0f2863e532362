/**
 * A connector process in a container, as a TargetProcess: a `run` replica is a container of its
 * own (testcontainers, the image's own user and working directory, its own network namespace,
 * /health and /metrics on mapped loopback ports); a one-shot command is `exec`ed into a running
 * replica, as `kubectl exec` into a pod would. Both stream stdout and stderr separately into the
 * same log reader a child process has.
 *
 *   startContainer ─▶ create + start (no wait: the harness waits for /health itself)
 *                  ─▶ logs (follow, demuxed) ─▶ ProcessLog        wait() ─▶ exited
 *   stop(grace) ─▶ container stop (SIGTERM, SIGKILL after grace); kept until remove(), so its
 *                  filesystem (the failed-batch store) can still be read
 */
import { PassThrough, type Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { createProcessLog, type ProcessLog } from '../shared/process-log.js';
import type { TargetCommand, TargetProcess } from '../target.js';
import type { TestcontainersModule } from './testcontainers-runtime.js';

export const CONTAINER_HEALTH_PORT = 8080;
export const CONTAINER_METRICS_PORT = 9090;

export interface ContainerSpec {
  readonly image: string;
  readonly name: string;
  readonly command: TargetCommand;
  readonly replica?: number;
  /** Arguments after the entrypoint (the image's CMD is replaced by them, as a Deployment's `args`). */
  readonly args: readonly string[];
  /** Only with a shim: the entrypoint the shim needs. */
  readonly entrypoint?: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly binds: readonly { readonly source: string; readonly target: string; readonly mode: 'ro' | 'rw' }[];
  readonly labels: Readonly<Record<string, string>>;
  /** podman network mode, e.g. `slirp4netns:allow_host_loopback=true`. */
  readonly networkMode: string;
}

export interface ContainerProcess extends TargetProcess {
  readonly containerId: string;
  /** `http://127.0.0.1:<mapped 8080>` */
  readonly healthUrl: string;
  readonly dockerode: Dockerode.Container;
  /** Removes the (stopped) container and its anonymous volumes. Idempotent. */
  remove(): Promise<void>;
}

/** Resolves at once: readiness is the harness's (it waits for /health with its own deadline). */
const NO_WAIT = {
  waitUntilReady: async () => undefined,
  withStartupTimeout() {
    return this;
  },
  isStartupTimeoutSet: () => false,
  getStartupTimeout: () => 0,
};

export async function startContainer(tc: TestcontainersModule, spec: ContainerSpec): Promise<ContainerProcess> {
  // Mapped ports on loopback only: testcontainers would bind every interface.
  const LoopbackContainer = class extends tc.GenericContainer {
    protected override async beforeContainerCreated(): Promise<void> {
      for (const port of Object.keys(this.hostConfig.PortBindings ?? {}))
        (this.hostConfig.PortBindings as Record<string, unknown>)[port] = [{ HostIp: '127.0.0.1', HostPort: '0' }];
    }
  };
  let builder = new LoopbackContainer(spec.image)
    .withName(spec.name)
    .withCommand([...spec.args])
    .withEnvironment({ ...spec.env })
    .withBindMounts(spec.binds.map((b) => ({ ...b })))
    .withLabels({ ...spec.labels })
    .withNetworkMode(spec.networkMode)
    .withExposedPorts(CONTAINER_HEALTH_PORT, CONTAINER_METRICS_PORT)
    .withWaitStrategy(NO_WAIT);
  if (spec.entrypoint) builder = builder.withEntrypoint([...spec.entrypoint]);
  const started = await builder.start();
  const client = await tc.getContainerRuntimeClient();
  const container = client.container.getById(started.getId());
  const log = createProcessLog();
  const logs = (await container.logs({ follow: true, stdout: true, stderr: true })) as unknown as Readable;
  const logsEnded = demux(client.container.dockerode, logs, log);
  const pid = ((await container.inspect()).State.Pid as number | undefined) ?? -1;
  const exited = container.wait().then(async (result: { StatusCode: number }) => {
    await Promise.race([logsEnded, new Promise((resolve) => setTimeout(resolve, 1_000))]);
    log.flush();
    return { code: result.StatusCode as number | null, signal: signalOf(result.StatusCode) };
  });
  let stopping: Promise<void> | undefined;
  let removing: Promise<void> | undefined;
  return {
    pid,
    command: spec.command,
    ...(spec.replica === undefined ? {} : { replica: spec.replica }),
    containerId: started.getId(),
    healthUrl: `http://127.0.0.1:${started.getMappedPort(CONTAINER_HEALTH_PORT)}`,
    dockerode: container,
    exited,
    onLogRecord: (listener) => log.onLogRecord(listener),
    stop: (graceMs = 10_000) =>
      (stopping ??= (async () => {
        await container.stop({ t: Math.max(1, Math.ceil(graceMs / 1_000)) }).catch(() => undefined);
        await exited;
      })()),
    remove: () =>
      (removing ??= (async () => {
        await container.remove({ force: true, v: true }).catch((error: { statusCode?: number }) => {
          if (error.statusCode !== 404) throw error;
        });
      })()),
  };
}

/** A one-shot command inside a running container (`kubectl exec`), as a TargetProcess. */
export async function execInContainer(
  tc: TestcontainersModule,
  container: Dockerode.Container,
  command: TargetCommand,
  cmd: readonly string[],
  env: Readonly<Record<string, string>>,
  replica: number | undefined,
): Promise<TargetProcess> {
  const client = await tc.getContainerRuntimeClient();
  const exec = await container.exec({
    Cmd: [...cmd],
    Env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
    AttachStdout: true,
    AttachStderr: true,
  });
  const stream = (await exec.start({ hijack: true, stdin: false })) as unknown as Readable;
  const log = createProcessLog();
  const ended = demux(client.container.dockerode, stream, log);
  const pid = ((await exec.inspect()).Pid as number | undefined) ?? -1;
  const exited = ended.then(async () => {
    log.flush();
    const info = await exec.inspect();
    return { code: info.ExitCode as number | null, signal: null };
  });
  let stopping: Promise<void> | undefined;
  return {
    pid,
    command,
    ...(replica === undefined ? {} : { replica }),
    exited,
    onLogRecord: (listener) => log.onLogRecord(listener),
    // The exec'd process is visible from this (rootful) host: signal it directly.
    stop: (graceMs = 10_000) =>
      (stopping ??= (async () => {
        signal(pid, 'SIGTERM');
        const grace = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
        await Promise.race([exited, grace]);
        signal(pid, 'SIGKILL');
        await exited.catch(() => undefined);
      })()),
  };
}

function demux(dockerode: Dockerode, stream: Readable, log: ProcessLog): Promise<void> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.setEncoding('utf8').on('data', (chunk: string) => log.push('stdout', chunk));
  stderr.setEncoding('utf8').on('data', (chunk: string) => log.push('stderr', chunk));
  dockerode.modem.demuxStream(stream, stdout, stderr);
  return new Promise((resolve) => {
    stream.once('end', () => resolve());
    stream.once('close', () => resolve());
    stream.once('error', () => resolve());
  });
}

function signal(pid: number, name: NodeJS.Signals): void {
  if (pid <= 0) return;
  try {
    process.kill(pid, name);
  } catch {
    // ESRCH: already gone.
  }
}

/** 137 → SIGKILL, 143 → SIGTERM (a shell's 128+n convention, which container runtimes follow). */
function signalOf(status: number): NodeJS.Signals | null {
  if (status === 137) return 'SIGKILL';
  if (status === 143) return 'SIGTERM';
  return null;
}
