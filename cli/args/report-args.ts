/** Arguments of `npm run report`. */
import { DEFAULT_OUT_DIR } from '../../harness/run/run-options.js';
import { GateUsageError } from '../../reports/report-error.js';
import { isWriterName, type WriterName } from '../../reports/writers/registry.js';

export const REPORT_HELP = `Usage: s3-sentinel-chaos report [--from <out dir>] [--out <dir>] [--format markdown,html]
       (in this repository: npm run report -- [options])

Writes the pre-release verification report from the result files (<dir>/<scenario>.json)
of npm run gate or npm run scenario.

  --from <dir>        where the result files are (default: ${DEFAULT_OUT_DIR}, the out dir of npm run gate)
  --out <dir>         where to write (default: the --from dir); files go to
                      <out>/markdown/report.md (+ timeline-<id>.svg) and <out>/html/report.html
  --format a,b        writers to run (default: markdown,html; also json, junit)
  -h, --help          this help

Exit: 0 report written (whatever the verdicts); 2 bad arguments or unreadable results.
`;

export interface ReportArgs {
  readonly help: boolean;
  readonly from: string;
  readonly out?: string;
  readonly formats: readonly WriterName[];
}

/** @example parseReportArgs(['--from', 'merged']) */
export function parseReportArgs(argv: readonly string[]): ReportArgs {
  let help = false;
  let from = DEFAULT_OUT_DIR;
  let out: string | undefined;
  let formats: WriterName[] = ['markdown', 'html'];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!['--from', '--out', '--format'].includes(flag))
      throw new GateUsageError(`Failed to parse argument "${arg}": unknown option. See npm run report -- --help.`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (!value) throw new GateUsageError(`Failed to parse ${flag}: it needs a value. See npm run report -- --help.`);
    if (flag === '--from') from = value;
    else if (flag === '--out') out = value;
    else {
      const names = value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const bad = names.filter((n) => !isWriterName(n));
      if (bad.length > 0 || names.length === 0)
        throw new GateUsageError(
          `Failed to parse --format "${value}": unknown writer ${bad.join(', ') || '(none given)'}. ` +
            'Use markdown, html, json or junit.',
        );
      formats = names as WriterName[];
    }
  }
  return { help, from, formats, ...(out ? { out } : {}) };
}
