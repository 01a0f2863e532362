/** `tsx cli/report.ts …`: the same as `s3-sentinel-chaos report …` (kept for scripts that call it). */
import { runReportCommand } from './commands/report.js';

process.exitCode = await runReportCommand(process.argv.slice(2));
