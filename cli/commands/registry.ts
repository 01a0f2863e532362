/**
 * The subcommands of `s3-sentinel-chaos`, one entry each. `run` gets the arguments after the
 * subcommand and resolves to the exit code (0 passed, 1 a promise broken, 2 usage or infrastructure).
 */
import { runFakesCommand } from './fakes.js';
import { runGateCommand } from './gate.js';
import { runReportCommand } from './report.js';
import { runScenarioCommand } from './scenario.js';
import { runSetupCommand } from './setup.js';

export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  run(argv: readonly string[]): Promise<number>;
  /**
   * Exit with process.exit as soon as `run` resolves: the fakes' sockets may keep the loop alive
   * after a signal. Others set process.exitCode, so piped output is flushed first.
   */
  readonly exitAtOnce?: boolean;
}

export const CLI_COMMANDS: readonly CliCommand[] = [
  { name: 'scenario', summary: 'run one chaos scenario against a connector build', run: runScenarioCommand },
  { name: 'gate', summary: 'the CI resilience gate: a suite of scenarios, JUnit, JSON summary', run: runGateCommand },
  { name: 'report', summary: 'the pre-release verification report (Markdown, HTML)', run: runReportCommand },
  {
    name: 'fakes',
    summary: 'the S3, Key Vault, Sentinel and identity fakes until Ctrl-C',
    run: runFakesCommand,
    exitAtOnce: true,
  },
  {
    name: 'setup',
    summary: 'install toxiproxy, faketime (and the test venv) into the tools home',
    run: runSetupCommand,
  },
];
