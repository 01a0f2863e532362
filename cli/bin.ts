#!/usr/bin/env node
/**
 * `s3-sentinel-chaos <command> [options]`: the one executable. Thin: pick the subcommand, hand it
 * the rest of the arguments, exit with its code. The npm scripts of this repository are aliases
 * (`npm run gate -- …` is `tsx cli/bin.ts gate …`); the installed package runs dist/cli/bin.js.
 */
import { readPackageVersion, toolsHome } from '../common/package-paths.js';
import { CLI_COMMANDS } from './commands/registry.js';

const VERSION_FLAGS = ['--version', '-V'];

export function describeUsage(): string {
  return `Usage: s3-sentinel-chaos <command> [options]

Chaos and resilience gate for the S3-to-Sentinel log connector.

Commands:
${CLI_COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

  s3-sentinel-chaos <command> --help    options of one command
  s3-sentinel-chaos --version           the harness version

Tools home (toxiproxy, connector venvs): ${toolsHome()}
Exit codes: 0 every expectation held, 1 an expectation failed (a broken promise), 2 usage or
infrastructure error.
`;
}

/** True when `--version` appears before any `--` (no flag of ours takes it as a value). */
function asksVersion(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => VERSION_FLAGS.includes(a));
}

async function main(argv: readonly string[]): Promise<{ code: number; exitAtOnce: boolean }> {
  const [name, ...rest] = argv;
  if (asksVersion(argv)) {
    process.stdout.write(`${readPackageVersion()}\n`);
    return { code: 0, exitAtOnce: false };
  }
  if (name === undefined) {
    process.stderr.write(describeUsage());
    return { code: 2, exitAtOnce: false };
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(describeUsage());
    return { code: 0, exitAtOnce: false };
  }
  const command = CLI_COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(
      `Failed to run "${name}": unknown command. Commands: ${CLI_COMMANDS.map((c) => c.name).join(', ')}. ` +
        'Run s3-sentinel-chaos --help.\n',
    );
    return { code: 2, exitAtOnce: false };
  }
  return { code: await command.run(rest), exitAtOnce: command.exitAtOnce === true };
}

const { code, exitAtOnce } = await main(process.argv.slice(2));
if (exitAtOnce) process.exit(code);
process.exitCode = code;
