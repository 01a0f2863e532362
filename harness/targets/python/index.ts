/**
 * The python target: an UNMODIFIED checkout of topazyo/s3-sentinel-connector, run as its users
 * run it from source (connector-contract.md §1.2), against the fakes.
 *
 *   prepare(ctx) ─▶ options/shims ─▶ checkout? ─▶ python ≥3.11 ─▶ venv (.chaos/venvs/<hash>, pip)
 *                ─▶ lock fixed ports 8080/9090 (machine-wide) ─▶ faketime probe (time scale > 1)
 *                ─▶ <workDir>/config/{base,dev}.yaml ─▶ scrubbed env ─▶ versions
 *   launch(cmd)  ─▶ ports free? ─▶ venv python -m s3_sentinel.cli cmd …      (no shim, no Key Vault)
 *                                  venv python python/driver/connector_driver.py … -- cmd …
 *                                  (with --shim, or secret_refresh_ms: CredentialManager driven)
 *   dispose      ─▶ stop processes ─▶ release the port lock
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PACKAGE_ROOT, toolsHome } from '../../../common/package-paths.js';
import { UsageError } from '../../errors.js';
import { readConnectorLogRecord } from '../shared/connector-log.js';
import { spawnTargetProcess } from '../shared/spawn-target-process.js';
import type { PreparedTarget, Target, TargetCommand, TargetContext, TargetProcess } from '../target.js';
import { buildChildEnv } from './child-env.js';
import { writeConnectorConfig } from './connector-config.js';
import { readDeclaredSchema } from './declared-schema.js';
import { faketimeEnv, findLibfaketime, probeTimeScale, type TimeScaleProbe } from './faketime.js';
import { findPython } from './find-python.js';
import { assertFixedPortsFree, CONNECTOR_HEALTH_PORT, lockFixedPorts } from './fixed-ports.js';
import { provisionVenv } from './provision-venv.js';
import {
  PYTHON_DRIVERS,
  PYTHON_SHIMS,
  type PythonTargetOptions,
  parsePythonTargetOptions,
} from './python-target-options.js';
import { readConnectorVersion, readSdkVersions } from './read-versions.js';
import { validateCheckout } from './validate-checkout.js';

export { isScrubbed, SCRUBBED_PREFIXES } from './child-env.js';
export type { TimeScaleProbe } from './faketime.js';
export { findLibfaketime, probeTimeScale } from './faketime.js';
export {
  assertFixedPortsFree,
  CONNECTOR_FIXED_PORTS,
  findPortClashes,
  fixedPortLockPath,
  lockFixedPorts,
} from './fixed-ports.js';
export type { PythonShim, PythonTargetOptions } from './python-target-options.js';
export { PYTHON_OPTION_DESCRIPTIONS, PYTHON_SHIMS, parsePythonTargetOptions } from './python-target-options.js';

export const CONNECTOR_DRIVER_PATH = join(PACKAGE_ROOT, 'python', 'driver', 'connector_driver.py');
/** `.chaos/venvs` in the tools home (the repository root, or a cache dir for an installed package). */
export const DEFAULT_VENV_CACHE_DIR = join(toolsHome(), '.chaos', 'venvs');
/** Region of the fakes' env block; the connector requires a non-empty `aws.region`. */
const AWS_REGION = 'us-east-1';

export interface PythonTargetFactoryOptions {
  /** The checkout (git work tree with requirements.txt and src/s3_sentinel/cli.py); default CONNECTOR_DIR. */
  readonly connectorDir?: string;
  /** Where venvs are cached; default `<tools home>/.chaos/venvs`. */
  readonly venvCacheDir?: string;
  /** Wall ms to wait for another run holding the fixed ports; default 30 min. */
  readonly portLockTimeoutMs?: number;
  /** Provisioning progress lines (pip, waiting for the port lock). */
  readonly onProgress?: (line: string) => void;
}

/** The python target's PreparedTarget, with what it measured and how it launches. */
export interface PythonPreparedTarget extends PreparedTarget {
  readonly options: PythonTargetOptions;
  /** Achieved scale of the libfaketime probe at prepare time; null at --time-scale 1. */
  readonly timeScaleProbe: TimeScaleProbe | null;
  /** The environment every launch gets (already scrubbed). */
  readonly env: Readonly<Record<string, string>>;
  /** The connector process's cwd; failed batches land in `<cwd>/failed_batches`. */
  readonly cwd: string;
  readonly configDir: string;
  /** The argv (after the venv python) of a launch, for logs and tests. */
  argvFor(command: TargetCommand): readonly string[];
}

/** One line the engine prints (and reports show) whenever shims are active. */
export function describeShims(shims: readonly string[]): string | null {
  if (shims.length === 0) return null;
  const drivers = shims.filter((shim) => (PYTHON_DRIVERS as readonly string[]).includes(shim));
  const how =
    drivers.length === shims.length
      ? 'the connector driven from outside its entry point'
      : drivers.length > 0
        ? 'connector code adapted at import time and driven from outside its entry point'
        : 'connector code adapted at import time';
  return (
    `SHIMS ACTIVE (${shims.join(', ')}): ${how} by python/driver/connector_driver.py; ` +
    'this run does NOT test the unmodified build.'
  );
}

/**
 * @example
 * const target = createPythonTarget({ connectorDir: '/tmp/connector' });
 * await using prepared = await target.prepare(context);
 * const proc = await prepared.launch('run');
 */
export function createPythonTarget(factory: PythonTargetFactoryOptions): Target {
  const connectorDir = factory.connectorDir ?? process.env.CONNECTOR_DIR;
  if (!connectorDir)
    throw new UsageError(
      'Failed to select target "python": no connector checkout given. Pass --connector <dir> or set CONNECTOR_DIR.',
    );
  return {
    name: 'python',
    // The connector binds fixed ports (8080, 9090): one run at a time on a machine.
    parallelSafe: false,
    describeShims: (shims) => {
      parsePythonTargetOptions({}, shims);
      return describeShims(shims);
    },
    async prepare(context: TargetContext): Promise<PythonPreparedTarget> {
      const options = parsePythonTargetOptions(context.options, context.shims, context.breakerConfig);
      const checkout = await validateCheckout(connectorDir);
      const recordSchema = await readDeclaredSchema(checkout.dir);
      const interpreter = await findPython();
      const venv = await provisionVenv({
        requirementsPath: checkout.requirementsPath,
        interpreter,
        cacheDir: factory.venvCacheDir ?? DEFAULT_VENV_CACHE_DIR,
        ...(factory.onProgress ? { onProgress: factory.onProgress } : {}),
      });

      const cwd = join(context.workDir, 'connector');
      const homeDir = join(context.workDir, 'home');
      await Promise.all([mkdir(cwd, { recursive: true }), mkdir(homeDir, { recursive: true })]);
      const configDir = await writeConnectorConfig(join(context.workDir, 'connector-config'), {
        bucket: context.bucket,
        prefix: context.prefix,
        region: AWS_REGION,
        awsBatchSize: options.awsBatchSize,
        ...(options.rateLimit !== undefined ? { rateLimit: options.rateLimit } : {}),
        ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
        dcrEndpoint: context.endpoints.sentinel,
        ruleId: context.ruleId,
        streamName: context.stream,
        workspaceId: 'chaos-workspace',
      });
      const plainEnv = buildChildEnv({
        fakesEnv: context.fakesEnv,
        connectorDir: checkout.dir,
        venvDir: venv.dir,
        homeDir,
      });
      const [connectorVersion, sdks] = await Promise.all([
        readConnectorVersion(venv.python, plainEnv, cwd),
        readSdkVersions(venv.python),
      ]);

      let env = plainEnv;
      let timeScaleProbe: TimeScaleProbe | null = null;
      if (context.timeScale !== 1) {
        env = { ...plainEnv, ...faketimeEnv(findLibfaketime(), context.timeScale) };
        timeScaleProbe = await probeTimeScale(venv.python, env, context.timeScale);
      }

      // Held until dispose: the connector's ports are machine-wide.
      const portLock = await lockFixedPorts({
        ...(factory.portLockTimeoutMs !== undefined ? { timeoutMs: factory.portLockTimeoutMs } : {}),
        onWait: (pid) =>
          factory.onProgress?.(`[python] waiting for pid ${pid}, another python-target run holding ports 8080/9090`),
      });

      // The failed-batch directory is configured at a non-default absolute path outside the cwd, as a
      // deployment would mount a volume, and observed THERE: a connector that ignores the setting and
      // writes ./failed_batches anyway (§2.4) is caught by failed_batches_where_configured, which
      // also scans the cwd. Only --shim failed-batches-dir makes the router follow the flag.
      const failedBatchesDir = options.failedBatchesDir ?? join(context.workDir, 'configured-failed-batches');
      const flagDir = failedBatchesDir;
      // secret_refresh_ms describes how often a connector reads its secret; the CLI reads none, so it
      // is applied only through the declared driver.
      const keyVaultDriven = options.shims.includes('keyvault-driver') && options.secretRefreshMs !== undefined;
      const codeShims = options.shims.filter((shim) => !PYTHON_DRIVERS.includes(shim));
      const pollIntervalS = options.pollIntervalS ?? context.pollIntervalMs / 1_000;

      const cliFlags = (command: TargetCommand): string[] => {
        const common = ['--config-dir', configDir, '--environment', 'dev', '--log-type', 'firewall'];
        if (command === 'run')
          return [...common, '--poll-interval', String(pollIntervalS), '--failed-batches-dir', flagDir];
        return [...common, '--failed-batches-dir', flagDir];
      };
      const argvFor = (command: TargetCommand): string[] => {
        const keyVault = command === 'run' && keyVaultDriven;
        if (codeShims.length === 0 && !keyVault) return ['-m', 's3_sentinel.cli', command, ...cliFlags(command)];
        return [
          CONNECTOR_DRIVER_PATH,
          '--connector',
          checkout.dir,
          ...codeShims.flatMap((shim) => ['--shim', shim]),
          ...Object.entries(options.breakerOverrides).flatMap(([k, v]) => ['--breaker-override', `${k}=${v}`]),
          // Interval in target seconds: the driver runs on the process's (possibly faked) clock.
          ...(keyVault
            ? [
                '--keyvault-url',
                context.endpoints.keyVault,
                '--keyvault-secret',
                context.secretName,
                '--keyvault-interval',
                String(options.secretRefreshMs / 1_000),
              ]
            : []),
          '--',
          command,
          ...cliFlags(command),
        ];
      };

      const launched = new Set<TargetProcess>();
      let healthUrl: string | null = null;
      let disposed = false;
      const versions = {
        target: {
          name: 'python',
          connector: connectorVersion,
          commit: checkout.commit,
          dirty: checkout.dirty ? 'yes (tracked files differ from HEAD)' : 'no',
          python: interpreter.version,
          venv: venv.hash,
          shims: options.shims.length === 0 ? 'none' : options.shims.join(','),
          launcher:
            codeShims.length > 0 || keyVaultDriven
              ? 'python/driver/connector_driver.py → s3_sentinel.cli.main'
              : 'python -m s3_sentinel.cli',
          keyVault: keyVaultDriven
            ? `driver: CredentialManager.get_credential every ${options.secretRefreshMs} target ms`
            : 'the CLI alone (it reads no Key Vault secret; --shim keyvault-driver drives CredentialManager)',
          failedBatchesDir: `${flagDir} (--failed-batches-dir)`,
          time: timeScaleProbe
            ? `libfaketime x${context.timeScale} (probe measured x${timeScaleProbe.measuredScale.toFixed(2)})`
            : 'real time',
        },
        sdks,
      };

      return {
        name: 'python',
        versions,
        failedBatchesDir,
        healthUrl: () => healthUrl,
        breakerConfig: options.breakerConfig,
        // The breakers the connector's runbook names; its README also claims S3 is protected.
        breakerServices: { sentinel: 'azure-sentinel', keyvault: 'azure-key-vault' },
        assistance: options.shims.map((shim) => ({
          kind: PYTHON_DRIVERS.includes(shim) ? ('driver' as const) : ('shim' as const),
          name: shim,
          description: PYTHON_SHIMS[shim],
          ...(shim === 'keyvault-driver' ? { calls: ['keyvault' as const] } : {}),
        })),
        workingDirs: [cwd],
        // Its own Prometheus rules: plain rule files and PrometheusRule manifests anywhere in the checkout.
        alertRuleFiles: [checkout.dir],
        recordSchema,
        readLogRecord: readConnectorLogRecord,
        options,
        timeScaleProbe,
        env,
        cwd,
        configDir,
        argvFor,
        async launch(command: TargetCommand): Promise<TargetProcess> {
          if (disposed)
            throw new Error('Failed to launch the python target: it was already disposed. Prepare it again.');
          if (command === 'run') await assertFixedPortsFree();
          // The endpoint as users set it (an APP_ override, connector-contract §1.4), labelled per process.
          const launchEnv = { ...env, APP_SENTINEL_DCR_ENDPOINT: context.sentinelEndpointFor(command) };
          const proc = spawnTargetProcess({ command, file: venv.python, args: argvFor(command), env: launchEnv, cwd });
          launched.add(proc);
          void proc.exited.then(() => launched.delete(proc));
          if (command === 'run') {
            const url = `http://127.0.0.1:${CONNECTOR_HEALTH_PORT}`;
            healthUrl = url;
            void proc.exited.then(() => {
              if (healthUrl === url) healthUrl = null;
            });
          }
          return proc;
        },
        async [Symbol.asyncDispose](): Promise<void> {
          if (disposed) return;
          disposed = true;
          try {
            await Promise.allSettled([...launched].map((proc) => proc.stop()));
          } finally {
            portLock.release();
          }
        },
      };
    },
  };
}
