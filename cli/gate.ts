/** `tsx cli/gate.ts …`: the same as `s3-sentinel-chaos gate …` (kept for scripts that call it). */
import { runGateCommand } from './commands/gate.js';

process.exitCode = await runGateCommand(process.argv.slice(2));
