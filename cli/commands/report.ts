/**
 * `s3-sentinel-chaos report [--from <out dir>] [--out <dir>]` (`npm run report -- …`): the
 * pre-release verification report (Markdown and one self-contained HTML file) from the result
 * files of a gate or scenario run.
 */

import { readHarnessVersion } from '../../reports/harness-version.js';
import { ReportInputError } from '../../reports/report-error.js';
import { loadResultFiles } from '../../reports/results/load-result-files.js';
import { writeReports } from '../../reports/writers/registry.js';
import { parseReportArgs, REPORT_HELP } from '../args/report-args.js';
import { reportCliError } from '../support/cli-errors.js';

export async function runReportCommand(argv: readonly string[]): Promise<number> {
  try {
    const args = parseReportArgs(argv);
    if (args.help) {
      process.stdout.write(REPORT_HELP);
      return 0;
    }
    const results = await loadResultFiles(args.from);
    if (results.length === 0)
      throw new ReportInputError(
        `Failed to write the report: no result files in ${args.from}. ` +
          'Run npm run gate (or npm run gate -- --merge …) first, or pass --from <out dir>.',
      );
    const written = await writeReports(
      { results, outDir: args.out ?? args.from, harnessVersion: await readHarnessVersion(), generatedAt: new Date() },
      args.formats,
    );
    process.stdout.write(
      `report: ${results.length} scenario(s) from ${args.from}\n${written.map((p) => `report: wrote ${p}\n`).join('')}`,
    );
    return 0;
  } catch (error) {
    return reportCliError(error);
  }
}
