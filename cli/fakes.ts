/** `tsx cli/fakes.ts …`: the same as `s3-sentinel-chaos fakes …` (kept for scripts that call it). */
import { runFakesCommand } from './commands/fakes.js';

process.exit(await runFakesCommand(process.argv.slice(2)));
