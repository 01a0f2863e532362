/** `tsx cli/scenario.ts …`: the same as `s3-sentinel-chaos scenario …` (kept for scripts that call it). */
import { runScenarioCommand } from './commands/scenario.js';

process.exitCode = await runScenarioCommand(process.argv.slice(2));
