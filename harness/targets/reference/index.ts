/**
 * The reference target: the runbook's promises as a real Node program (main.ts), run as its own
 * process against the fakes through the real JS SDKs. Default target of `npm run scenario`.
 *
 *   prepare(ctx) ─▶ validate --target-option ─▶ <workDir>/reference-config.json
 *   launch(cmd)  ─▶ spawnTargetProcess(node --import tsx main.ts cmd --config …, env = fakesEnv)
 *                ─▶ run: wait for `listening on http://127.0.0.1:<port>` ─▶ healthUrl()
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPackageVersion } from '../../../common/package-paths.js';
import { UsageError } from '../../errors.js';
import { readConnectorLogRecord } from '../shared/connector-log.js';
import { spawnTargetProcess } from '../shared/spawn-target-process.js';
import type { PreparedTarget, Target, TargetCommand, TargetContext, TargetProcess } from '../target.js';
import { S3_BREAKER } from './guarded-source.js';
import { REFERENCE_RECORD_SCHEMA } from './record-schema.js';
import type { ReferenceConfig } from './reference-config.js';
import { writeShippedAlertRules } from './shipped-alert-rules.js';
import { parseReferenceTargetOptions } from './target-options.js';

/**
 * Absolute path of the CLI, so launching works from any cwd: main.ts beside this file from source
 * (run with tsx), main.js when the package runs compiled from dist/ (plain node, no tsx).
 */
export const REFERENCE_MAIN_PATH = fileURLToPath(
  new URL(import.meta.url.endsWith('.ts') ? './main.ts' : './main.js', import.meta.url),
);
/** Wall ms `launch('run')` waits for the `listening on …` line. */
const LISTENING_TIMEOUT_MS = 30_000;
const LISTENING_LINE = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/;

const SDK_PACKAGES = [
  '@aws-sdk/client-s3',
  '@azure/monitor-ingestion',
  '@azure/identity',
  '@azure/keyvault-secrets',
  '@azure/core-rest-pipeline',
] as const;

/** Installed SDK versions, read from node_modules. */
export function readSdkVersions(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const versions: Record<string, string> = {};
  for (const name of SDK_PACKAGES) {
    try {
      const entry = require.resolve(name);
      const packageJson = join(
        entry.slice(0, entry.lastIndexOf(`/node_modules/${name}/`) + `/node_modules/${name}/`.length),
        'package.json',
      );
      versions[name] = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
    } catch {
      versions[name] = 'unknown';
    }
  }
  return versions;
}

function waitForListening(proc: TargetProcess): Promise<string | null> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (url: string | null): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      queueMicrotask(() => unsubscribe());
      resolve(url);
    };
    const timer = setTimeout(() => finish(null), LISTENING_TIMEOUT_MS);
    const unsubscribe = proc.onLogRecord((record, stream) => {
      const match = stream === 'stdout' ? LISTENING_LINE.exec(record) : null;
      if (match !== null) finish(match[1]);
    });
    void proc.exited.then(() => finish(null));
  });
}

export const referenceTarget: Target = {
  name: 'reference',
  // Ephemeral ports and its own scratch dirs: runs may share the machine.
  parallelSafe: true,
  describeShims(shims) {
    if (shims.length === 0) return null;
    throw new UsageError(
      `Failed to configure target "reference": --shim ${shims.join(', ')} applies to the python target only. ` +
        'Remove --shim or use --target python.',
    );
  },
  async prepare(context: TargetContext): Promise<PreparedTarget> {
    referenceTarget.describeShims(context.shims);
    const options = parseReferenceTargetOptions(context.options, context.breakerConfig);
    const failedBatchesDir = join(context.workDir, 'failed_batches');
    const config: ReferenceConfig = {
      bucket: context.bucket,
      prefix: context.prefix,
      ruleId: context.ruleId,
      stream: context.stream,
      secretName: context.secretName,
      failedBatchesDir,
      stateDir: join(context.workDir, 'state'),
      healthPort: 0,
      pollIntervalMs: context.pollIntervalMs,
      timeScale: context.timeScale,
      batchSize: options.batchSize,
      secretRefreshMs: options.secretRefreshMs,
      breaker: options.breaker,
      keyVaultBreaker: options.keyVaultBreaker,
      faultsForTesting: options.faultsForTesting,
    };
    await mkdir(context.workDir, { recursive: true });
    const configPath = join(context.workDir, 'reference-config.json');
    await writeFile(configPath, `${JSON.stringify(config, null, 2)}\n`);
    const alertRules = await writeShippedAlertRules(context.workDir, options.faultsForTesting);
    const packageVersion = readPackageVersion();

    let healthUrl: string | null = null;
    const launched = new Set<TargetProcess>();
    return {
      name: 'reference',
      versions: {
        target: { name: 'reference', version: packageVersion, node: process.version },
        sdks: readSdkVersions(),
      },
      failedBatchesDir,
      healthUrl: () => healthUrl,
      breakerConfig: options.breaker,
      breakerServices: { sentinel: 'azure-sentinel', keyvault: 'azure-key-vault', s3: S3_BREAKER },
      // Our own model: nothing is adapted or driven from outside its entry point.
      assistance: [],
      workingDirs: [context.workDir],
      alertRuleFiles: [alertRules],
      recordSchema: REFERENCE_RECORD_SCHEMA,
      readLogRecord: readConnectorLogRecord,
      async launch(command: TargetCommand): Promise<TargetProcess> {
        const proc = spawnTargetProcess({
          command,
          file: REFERENCE_MAIN_PATH,
          args: [command, '--config', configPath],
          env: { ...context.fakesEnv, SENTINEL_DCR_ENDPOINT: context.sentinelEndpointFor(command) },
          cwd: context.workDir,
        });
        launched.add(proc);
        void proc.exited.then(() => launched.delete(proc));
        if (command === 'run') {
          healthUrl = null;
          const url = await waitForListening(proc);
          healthUrl = url;
          // The URL dies with the process (unless a later launch already replaced it).
          void proc.exited.then(() => {
            if (healthUrl === url) healthUrl = null;
          });
        }
        return proc;
      },
      async [Symbol.asyncDispose](): Promise<void> {
        // Normally the launcher stops its processes; this is the safety net. stop() is idempotent.
        await Promise.allSettled([...launched].map((proc) => proc.stop()));
      },
    };
  },
};
