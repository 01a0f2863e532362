/**
 * The reference connector's CLI: the runbook's promises as a real program that talks to the fakes
 * through the real JS SDKs.
 *
 *   node --import tsx harness/targets/reference/main.ts <run|ingest|replay-failed> --config <file.json>
 *
 * Exit codes: 0 ok; 1 `ingest` cycle failed or `replay-failed` left files; 2 usage or config error.
 * Logs go to stderr in the real connector's format; stdout carries only `listening on …` (run) and
 * `Replay complete: …` (replay-failed).
 */
import { readFile } from 'node:fs/promises';
import { ScaledClock } from '../../../fakes/core/clock.js';
import { createConnectorLogger, PIPELINE_LOGGER } from './connector-logger.js';
import { ConfigError, type ReferenceConfig, validateReferenceConfig } from './reference-config.js';
import { type ReferenceCommand, runReference } from './run-reference.js';

const COMMANDS: readonly ReferenceCommand[] = ['run', 'ingest', 'replay-failed'];
const USAGE = 'Usage: main.ts <run|ingest|replay-failed> --config <file.json>';

/** Environment variables each command needs (the fakes' environment block provides them all). */
const REQUIRED_ENV: Record<ReferenceCommand, readonly string[]> = {
  run: ['SENTINEL_DCR_ENDPOINT', 'KEY_VAULT_URL', 'IDENTITY_ENDPOINT'],
  ingest: ['SENTINEL_DCR_ENDPOINT', 'KEY_VAULT_URL', 'IDENTITY_ENDPOINT'],
  'replay-failed': ['SENTINEL_DCR_ENDPOINT', 'IDENTITY_ENDPOINT'],
};

function parseArgs(argv: readonly string[]): { command: ReferenceCommand; configPath: string } | string {
  const [command, ...rest] = argv;
  if (command === undefined || !COMMANDS.includes(command as ReferenceCommand)) {
    return `Failed to start: unknown command ${JSON.stringify(command ?? '')}. ${USAGE}`;
  }
  let configPath: string | undefined;
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i];
    if (arg === '--config') configPath = rest[++i];
    else if (arg.startsWith('--config=')) configPath = arg.slice('--config='.length);
    else return `Failed to start: unknown argument ${JSON.stringify(arg)}. ${USAGE}`;
  }
  if (configPath === undefined || configPath === '')
    return `Failed to start: --config <file.json> is required. ${USAGE}`;
  return { command: command as ReferenceCommand, configPath };
}

async function loadConfig(path: string, command: ReferenceCommand): Promise<ReferenceConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`cannot read the file: ${(error as Error).message}`], path);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([`not valid JSON: ${(error as Error).message}`], path);
  }
  const envProblems = REQUIRED_ENV[command]
    .filter((name) => (process.env[name] ?? '') === '')
    .map((name) => `environment variable ${name} is not set (use the fakes' environment block)`);
  let configProblems: readonly string[] = [];
  let config: ReferenceConfig | undefined;
  try {
    config = validateReferenceConfig(raw, path);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    configProblems = error.problems;
  }
  if (config === undefined || envProblems.length > 0) throw new ConfigError([...configProblems, ...envProblems], path);
  return config;
}

async function main(argv: readonly string[]): Promise<number> {
  const log = createConnectorLogger();
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n`);
    return 2;
  }
  let config: ReferenceConfig;
  try {
    config = await loadConfig(args.configPath, args.command);
  } catch (error) {
    if (error instanceof ConfigError) {
      log('ERROR', 'ConfigManager', error.message);
      return 2;
    }
    throw error;
  }
  const clock = new ScaledClock(config.timeScale);
  return runReference(args.command, config, {
    clock,
    log,
    env: process.env,
    stdout: (line) => process.stdout.write(`${line}\n`),
  });
}

// Node's own warnings (e.g. the AWS SDK's NodeVersionSupportWarning) would print as free text and
// break the log format; write them as connector log records instead (Python's `py.warnings` logger).
process.removeAllListeners('warning');
process.on('warning', (warning) =>
  createConnectorLogger()('WARNING', 'py.warnings', `${warning.name}: ${warning.message}`),
);

// Keep the event loop alive for the whole run: the clocks' timers are unref'd by design.
const keepAlive = setInterval(() => {}, 60_000);
main(process.argv.slice(2)).then(
  (code) => {
    clearInterval(keepAlive);
    // Exit now: SDK keep-alive sockets must not hold a finished process open. Pipe writes are synchronous.
    process.exit(code);
  },
  (error: unknown) => {
    clearInterval(keepAlive);
    createConnectorLogger()(
      'ERROR',
      PIPELINE_LOGGER,
      `Reference connector crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  },
);
