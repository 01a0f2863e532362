import { ReportError } from '../../reports/report-error.js';

/**
 * Prints an error the way both CLIs do: a known usage or input error as its message only
 * (it already says what to fix), anything else with its stack, since that is a harness bug.
 * Returns exit code 2 (usage or infrastructure).
 */
export function reportCliError(error: unknown, write: (text: string) => void = (t) => process.stderr.write(t)): 2 {
  const known =
    error instanceof ReportError ||
    (error instanceof Error && ['UsageError', 'InvalidScenarioError', 'ChaosError'].includes(error.name));
  if (known) write(`${(error as Error).message}\n`);
  else write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 2;
}
