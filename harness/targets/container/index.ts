/**
 * The container target: the connector as it ships. The checkout's own Dockerfile is built with
 * podman (base image substituted, declared), and each `run` replica runs as a container through
 * testcontainers, as the image's own user, working directory and entrypoint, with configuration
 * as the Deployment passes it (environment variables, a config directory mounted at `<workdir>/config`,
 * the CLI's default), each in its own network namespace (slirp4netns, which reaches this machine's
 * loopback as 10.0.2.2, so the fakes stay on loopback).
 *
 *   prepare ─▶ checkout + Dockerfile? ─▶ podman service (our socket) ─▶ images (prepare-images.ts)
 *           ─▶ replicas: --replicas, else the Deployment manifest's count ─▶ config dir, env
 *   launch('run', r)   ─▶ a new container for replica r (a restart recreates it, as a rollout does)
 *   launch(oneshot, r) ─▶ exec into replica r's running container (`kubectl exec`), else a new one
 *   dispose ─▶ stop + remove every container ─▶ stop the podman service
 */
import { existsSync } from 'node:fs';
import { basename, join, posix } from 'node:path';
import { PACKAGE_ROOT } from '../../../common/package-paths.js';
import { replicaLabel, replicaNumbers } from '../../domain/replica.js';
import { ProductFailureError, UsageError } from '../../errors.js';
import { writeConnectorConfig } from '../python/connector-config.js';
import { readDeclaredSchema } from '../python/declared-schema.js';
import { validateCheckout } from '../python/validate-checkout.js';
import { readConnectorLogRecord } from '../shared/connector-log.js';
import type { PreparedTarget, Target, TargetCommand, TargetContext, TargetProcess } from '../target.js';
import {
  buildContainerEnv,
  CONTAINER_CA_PATH,
  caPathOf,
  HOST_LOOPBACK_FROM_CONTAINER,
  toContainerAddress,
} from './container-env.js';
import {
  DRIVER_SHIMS,
  describeContainerAssistance,
  describeContainerHelp,
  parseContainerOptions,
} from './container-options.js';
import { type ContainerProcess, execInContainer, startContainer } from './container-process.js';
import { createReplicaStore, type ReplicaStore } from './container-store.js';
import { describeContainerBuild } from './describe-build.js';
import { readDeploymentReplicas } from './dockerfile.js';
import { faketimeContainerEnv } from './faketime-layer.js';
import { startPodmanService } from './podman-service.js';
import { prepareImages } from './prepare-images.js';
import { removeStaleContainers } from './stale-containers.js';
import { loadTestcontainers } from './testcontainers-runtime.js';

const DRIVER_DIR = join(PACKAGE_ROOT, 'python', 'driver');
const IN_CONTAINER_DRIVER = '/opt/s3-sentinel-chaos/driver';
const IN_CONTAINER_CHECKOUT = '/opt/s3-sentinel-chaos/connector';
const NETWORK_MODE = 'slirp4netns:allow_host_loopback=true';
export const OWNER_LABEL = 'io.s3-sentinel-chaos.owner-pid';
const AWS_REGION = 'us-east-1';

export interface ContainerTargetFactoryOptions {
  readonly connectorDir?: string;
  readonly onProgress?: (line: string) => void;
}

export function createContainerTarget(factory: ContainerTargetFactoryOptions): Target {
  const connectorDir = factory.connectorDir ?? process.env.CONNECTOR_DIR;
  if (!connectorDir)
    throw new UsageError(
      'Failed to select target "container": no connector checkout given. Pass --connector <dir> or set CONNECTOR_DIR.',
    );
  return {
    name: 'container',
    // One podman socket per harness process, shared by its runs: one run at a time.
    parallelSafe: false,
    fakesTlsAltNames: [HOST_LOOPBACK_FROM_CONTAINER],
    describeShims: (shims) => {
      parseContainerOptions({}, shims);
      return describeContainerHelp(shims);
    },
    prepare: (context) => prepareContainerTarget(connectorDir, context, factory.onProgress),
  };
}

async function prepareContainerTarget(
  connectorDir: string,
  context: TargetContext,
  onProgress?: (line: string) => void,
): Promise<PreparedTarget> {
  const options = parseContainerOptions(context.options, context.shims, context.breakerConfig);
  const checkout = await validateCheckout(connectorDir);
  if (!existsSync(join(checkout.dir, 'Dockerfile')))
    throw new UsageError(
      `Failed to use connector directory "${checkout.dir}": it has no Dockerfile, so there is no image to build. ` +
        'Point --connector at a checkout with its Dockerfile, or run it from source with --target python.',
    );
  const recordSchema = await readDeclaredSchema(checkout.dir);
  const manifest = readDeploymentReplicas(checkout.dir);
  const replicas = context.replicas ?? manifest?.replicas ?? 1;
  const caHostPath = caPathOf(context.fakesEnv);
  if (!caHostPath) throw new UsageError('Failed to prepare target "container": the fakes named no CA file.');

  const cleanups: (() => Promise<unknown>)[] = [];
  const dispose = async (): Promise<void> => {
    const failures: unknown[] = [];
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((e: unknown) => failures.push(e));
    if (failures.length > 0) throw new AggregateError(failures, 'Failed to clean up the container target');
  };
  try {
    await removeStaleContainers(OWNER_LABEL);
    const service = await startPodmanService();
    cleanups.push(() => service.stop());
    const tc = await loadTestcontainers(service.dockerHost);
    const images = await prepareImages(checkout.dir, {
      timeScale: context.timeScale,
      logDir: context.workDir,
      equivalent: options.shims.includes('equivalent-image'),
      ...(onProgress ? { onProgress } : {}),
      ...(context.signal ? { signal: context.signal } : {}),
    }).catch((error: unknown) => {
      if (!(error instanceof ProductFailureError)) throw error;
      // Declared even though the build failed: it failed on our substituted base, with these shims.
      const assistance = describeContainerAssistance({
        substitution: error.targetVersions.baseImage ?? 'base image substituted (see the build log)',
        shims: options.shims,
        equivalentChanges: [],
        timeScale: 1,
      });
      const { targetVersions, evidence, what, message } = error;
      throw new ProductFailureError(what, message, evidence, { cause: error, targetVersions, assistance });
    });
    const image = images.connector.config;
    const configDir = await writeConnectorConfig(join(context.workDir, 'connector-config'), {
      bucket: context.bucket,
      prefix: context.prefix,
      region: AWS_REGION,
      awsBatchSize: options.awsBatchSize,
      ...(options.rateLimit !== undefined ? { rateLimit: options.rateLimit } : {}),
      ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
      dcrEndpoint: toContainerAddress(context.endpoints.sentinel),
      ruleId: context.ruleId,
      streamName: context.stream,
      workspaceId: 'chaos-workspace',
    });
    const env = buildContainerEnv({
      fakesEnv: context.fakesEnv,
      caCertPath: caHostPath,
      ...(context.timeScale !== 1 ? { extra: faketimeContainerEnv(context.timeScale) } : {}),
    });
    const driverShims = options.shims.filter((s) => DRIVER_SHIMS.includes(s));
    const shimmed = driverShims.length > 0;
    // With a shim, only the entrypoint changes: our driver, running the checkout's CLI.
    const entrypoint = shimmed
      ? [
          'python3',
          `${IN_CONTAINER_DRIVER}/connector_driver.py`,
          '--connector',
          IN_CONTAINER_CHECKOUT,
          ...driverShims.flatMap((s) => ['--shim', s]),
          ...Object.entries(options.breakerOverrides).flatMap(([k, v]) => ['--breaker-override', `${k}=${v}`]),
          '--',
        ]
      : [...image.entrypoint];
    const binds = [
      { source: configDir, target: posix.join(image.workingDir, 'config'), mode: 'ro' as const },
      { source: caHostPath, target: CONTAINER_CA_PATH, mode: 'ro' as const },
      ...(shimmed
        ? [
            { source: DRIVER_DIR, target: IN_CONTAINER_DRIVER, mode: 'ro' as const },
            { source: checkout.dir, target: IN_CONTAINER_CHECKOUT, mode: 'ro' as const },
          ]
        : []),
    ];
    const storeDir = posix.join(image.workingDir, 'failed_batches');
    const stores = new Map<number, ReplicaStore>(
      replicaNumbers(replicas).map((r) => [r, createReplicaStore(storeDir)]),
    );
    const pollIntervalS = options.pollIntervalS ?? context.pollIntervalMs / 1_000;
    const runId = basename(context.workDir);
    const labels = { [OWNER_LABEL]: String(process.pid), 'io.s3-sentinel-chaos.run': runId };
    const running = new Map<number, ContainerProcess>();
    const containers = new Set<ContainerProcess>();
    const processes = new Set<TargetProcess>();
    cleanups.push(async () => {
      await Promise.allSettled([...processes].map((p) => p.stop(5_000)));
      await Promise.allSettled([...containers].map((c) => c.remove()));
    });
    let launches = 0;
    /** A one-instance target has no replica numbers; inside, it is replica 1. */
    const indexOf = (replica: number | undefined): number => replica ?? 1;
    const tagOf = (replica: number | undefined) => (replicas > 1 ? replica : undefined);

    const newContainer = async (command: TargetCommand, replica: number | undefined): Promise<ContainerProcess> => {
      launches += 1;
      const r = indexOf(replica);
      const args = command === 'run' ? ['run', '--poll-interval', String(pollIntervalS)] : [command];
      const proc = await startContainer(tc, {
        image: images.runImage,
        name: `${runId}-${replicaLabel(r)}-${command}-${launches}`,
        command,
        ...(tagOf(replica) !== undefined ? { replica } : {}),
        args,
        ...(shimmed ? { entrypoint } : {}),
        env: {
          ...env,
          APP_SENTINEL_DCR_ENDPOINT: toContainerAddress(context.sentinelEndpointFor(command, tagOf(replica))),
        },
        binds,
        labels: { ...labels, 'io.s3-sentinel-chaos.replica': replicaLabel(r) },
        networkMode: NETWORK_MODE,
      });
      containers.add(proc);
      return proc;
    };

    const versions = {
      target: describeContainerBuild({
        checkout,
        images,
        shims: options.shims,
        entrypoint,
        command: `run --poll-interval ${pollIntervalS}`,
        configMount: binds[0].target,
        replicas,
        replicasFrom: context.replicas !== undefined ? '--replicas' : (manifest?.file ?? null),
        storeDir,
        network: `${NETWORK_MODE} per replica; fakes reached as ${HOST_LOOPBACK_FROM_CONTAINER}`,
        timeScale: context.timeScale,
      }),
      sdks: {},
    };

    return {
      name: 'container',
      versions,
      failedBatchesDir: storeDir,
      failedBatchStore: (replica) => stores.get(replica) ?? createReplicaStore(storeDir),
      ...(replicas > 1 ? { replicas } : {}),
      startFailureIsProduct: true,
      healthUrl: (replica) => running.get(indexOf(replica))?.healthUrl ?? null,
      breakerConfig: options.breakerConfig,
      breakerServices: { sentinel: 'azure-sentinel', keyvault: 'azure-key-vault' },
      assistance: describeContainerAssistance({
        substitution: images.base.substitution,
        shims: options.shims,
        equivalentChanges: images.connector.changes,
        timeScale: context.timeScale,
      }),
      // The containers' working directories are inside them: the store is read through the target.
      workingDirs: [],
      recordSchema,
      readLogRecord: readConnectorLogRecord,
      async launch(command, replica) {
        const r = indexOf(replica);
        const current = running.get(r);
        if (command !== 'run' && current) {
          // `kubectl exec` into the replica: the image's entrypoint (or the shim's), the one-shot command.
          const endpoint = toContainerAddress(context.sentinelEndpointFor(command, tagOf(replica)));
          const proc = await execInContainer(
            tc,
            current.dockerode,
            command,
            [...entrypoint, command],
            {
              APP_SENTINEL_DCR_ENDPOINT: endpoint,
            },
            tagOf(replica),
          );
          processes.add(proc);
          return proc;
        }
        const proc = await newContainer(command, replica);
        processes.add(proc);
        if (command === 'run') {
          const previous = running.get(r);
          running.set(r, proc);
          stores.get(r)?.attach(proc.dockerode, `${runId}-${replicaLabel(r)}-run-${launches}`);
          // The replaced container goes, as a rollout's old pod does (its filesystem with it).
          if (previous)
            await previous
              .stop(1_000)
              .then(() => previous.remove())
              .catch(() => undefined);
          void proc.exited.then(() => running.get(r) === proc && running.delete(r));
        }
        return proc;
      },
      [Symbol.asyncDispose]: dispose,
    };
  } catch (error) {
    await dispose().catch(() => undefined);
    throw error;
  }
}
