import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseGateArgs } from '../../cli/args/parse-gate-args.js';
import { parseRunOptions } from '../../cli/args/parse-run-options.js';
import { parseReportArgs } from '../../cli/args/report-args.js';

interface Step {
  readonly run?: string;
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
}
interface Job {
  readonly needs?: string | string[];
  readonly steps: Step[];
  readonly strategy?: { matrix?: { shard?: number[] } };
}
interface Workflow {
  readonly jobs: Record<string, Job>;
}

const root = new URL('../../', import.meta.url);
const workflow = parse(await readFile(new URL('docs/examples/resilience-gate.yml', root), 'utf8')) as Workflow;
const scripts = (
  JSON.parse(await readFile(new URL('package.json', root), 'utf8')) as { scripts: Record<string, string> }
).scripts;
const runLines = Object.values(workflow.jobs).flatMap((job) =>
  job.steps.flatMap((s) => (s.run ? s.run.split('\n').filter(Boolean) : [])),
);

/** Arguments after `npm run <script> --`, with the matrix expression replaced by a value. */
function npmRunArgs(script: string, shard = 1): string[][] {
  return runLines
    .filter((line) => line.startsWith(`npm run ${script}`))
    .map((line) =>
      line
        .replace(/\$\{\{\s*matrix\.shard\s*\}\}/g, String(shard))
        .split(/\s+/)
        .slice(4),
    );
}

describe('docs/examples/resilience-gate.yml', () => {
  it('runs only npm scripts that exist in package.json', () => {
    const used = runLines.flatMap((line) => [...line.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!));
    expect(used.length).toBeGreaterThan(0);
    for (const script of used) expect(Object.keys(scripts), `npm run ${script}`).toContain(script);
    expect(runLines).toContain('npm ci');
  });

  it('shards the gate over the matrix and merges every shard it uploaded', () => {
    const shards = workflow.jobs.gate!.strategy?.matrix?.shard ?? [];
    expect(shards).toEqual([1, 2]);
    const uploaded = workflow.jobs.gate!.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))?.with?.path;
    for (const shard of shards) {
      const [args] = npmRunArgs('gate', shard);
      const gateArgs = parseGateArgs(args!);
      expect(gateArgs.shard).toEqual({ index: shard, count: shards.length });
      // The flags the gate passes on are valid run options, and the shard writes where the artifact is uploaded from.
      expect(`${parseRunOptions([...gateArgs.runArgs], {}).options.outDir}/`).toBe(uploaded);
    }
    expect(workflow.jobs.merge!.needs).toBe('gate');
    const merge = npmRunArgs('gate')
      .map((argv) => parseGateArgs(argv))
      .find((a) => a.merge);
    expect(merge?.merge).toEqual(shards.map((s) => `shards/gate-shard-${s}`));
    const [reportArgs] = npmRunArgs('report');
    expect(parseReportArgs(reportArgs!).from).toBe('merged');
  });

  it('sets up Node 20', () => {
    const setupNode = workflow.jobs.gate!.steps.find((s) => s.uses?.startsWith('actions/setup-node'));
    expect(setupNode?.with?.['node-version']).toBe(20);
  });
});
