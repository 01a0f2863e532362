/**
 * action.yml and the example workflows, read with a YAML parser: the action's metadata against a
 * schema of GitHub's composite-action syntax, every action input against a real CLI flag, and every
 * input the connector's example workflow passes against the action's inputs.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseGateArgs } from '../../cli/args/parse-gate-args.js';
import { parseRunOptions } from '../../cli/args/parse-run-options.js';
import { TARGET_NAMES } from '../../harness/targets/index.js';
import { parseShard } from '../../reports/gate/shard.js';

interface Step {
  readonly id?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, string | number>;
  readonly env?: Record<string, string>;
}
interface Action {
  readonly inputs: Record<string, { description: string; default?: string }>;
  readonly runs: { using: string; steps: Step[] };
}
interface Job {
  readonly if?: string;
  readonly needs?: string | string[];
  readonly steps: Step[];
  readonly strategy?: { matrix?: { shard?: number[] } };
}
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly jobs: Record<string, Job>;
}

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const actionText = read('action.yml');
const action = parse(actionText) as Action;
const connectorWorkflow = parse(read('docs/examples/connector-pr-gate.yml')) as Workflow;
const harnessWorkflow = parse(read('docs/examples/resilience-gate.yml')) as Workflow;

/** Inputs that configure the action itself, not the gate. */
const ACTION_ONLY_INPUTS = ['node-version', 'artifact-name'];
/**
 * Flags the action passes that another branch adds to the CLI; once it is merged the test below
 * fails until the entry is removed here.
 */
const PENDING_FLAGS: Readonly<Record<string, string>> = {};
const SAMPLE_VALUES: Readonly<Record<string, readonly string[]>> = {
  '--connector': ['.'],
  '--target': ['python'],
  '--scenarios': ['rate-limit,baseline'],
  '--tag': ['quick'],
  '--time-scale': ['10'],
  '--shim': ['upload-adapter'],
  '--alert-rules': ['deployment/prometheus-rules.yml'],
  '--shard': ['1/3'],
  '--merge': ['shards/gate-shard-1', 'shards/gate-shard-2'],
  '--out': ['chaos-gate-out'],
  '--step-summary': ['summary.md'],
};

/** `--flag "$VAR"` pairs of the gate step, with VAR resolved through loops to the INPUT_* variable. */
function flagsOfGateStep(step: Step): { flag: string; input: string | undefined }[] {
  const envToInput = new Map(
    Object.entries(step.env ?? {}).map(([name, value]) => [name, /\$\{\{\s*inputs\.([\w-]+)\s*\}\}/.exec(value)?.[1]]),
  );
  const lines = (step.run ?? '').split('\n');
  /** `for x in $(echo "$INPUT_Y" …); do … x …` or `… arr+=("$x")`: x and arr come from INPUT_Y. */
  const loopSource = (variable: string): string | undefined => {
    for (const line of lines) {
      const loop = /for (\w+) in \$\(echo "\$(\w+)"/.exec(line);
      if (loop && (loop[1] === variable || line.includes(`${variable}+=(`))) return loop[2];
    }
    return undefined;
  };
  return lines.flatMap((line) =>
    [...line.matchAll(/(--[a-z][a-z-]*) "\$\{?(\w+)/g)].map((m) => {
      const variable = m[2]!;
      const envName = envToInput.has(variable) ? variable : loopSource(variable);
      return { flag: m[1]!, input: envName === undefined ? undefined : envToInput.get(envName) };
    }),
  );
}

/** Parses `flag value…` as the CLI does: gate flags first, the rest as run options. */
function parseCliFlag(flag: string): void {
  const args = parseGateArgs([flag, ...(SAMPLE_VALUES[flag] ?? ['x'])]);
  parseRunOptions([...args.runArgs], {});
}

const gateStep = action.runs.steps.find((s) => s.id === 'gate')!;
const mapped = flagsOfGateStep(gateStep);

describe('action.yml', () => {
  it("follows GitHub's composite-action metadata syntax", () => {
    // strictRequired off: the step's oneOf names `run`/`uses` in `required` without repeating their types.
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    const validate = ajv.compile(JSON.parse(read('test/cli/fixtures/action-metadata.schema.json')) as object);
    expect(validate(action), ajv.errorsText(validate.errors, { separator: '\n' })).toBe(true);
  });

  it('has the inputs of the issue, and refers only to inputs it declares', () => {
    expect(Object.keys(action.inputs)).toEqual(
      expect.arrayContaining(['connector-path', 'target', 'scenarios', 'tag', 'time-scale', 'shims', 'alert-rules']),
    );
    expect(Object.keys(action.inputs)).toContain('shard');
    const referenced = [...actionText.matchAll(/\binputs\.([\w-]+)/g)].map((m) => m[1]!);
    for (const name of referenced) expect(Object.keys(action.inputs), `inputs.${name}`).toContain(name);
    for (const name of Object.keys(action.inputs)) expect(referenced, `input ${name} is never used`).toContain(name);
  });

  it('maps every gate input to a CLI flag the gate accepts', () => {
    for (const input of Object.keys(action.inputs).filter((name) => !ACTION_ONLY_INPUTS.includes(name)))
      expect(
        mapped.filter((m) => m.input === input),
        `input ${input}`,
      ).not.toEqual([]);
    expect(mapped).toContainEqual({ flag: '--step-summary', input: undefined });
    for (const { flag } of mapped) {
      if (flag in PENDING_FLAGS) {
        expect(() => parseCliFlag(flag), `${flag} is accepted now: remove it from PENDING_FLAGS`).toThrow(
          /unknown option/,
        );
        continue;
      }
      expect(() => parseCliFlag(flag), flag).not.toThrow();
    }
  });

  it('has defaults the CLI accepts', () => {
    expect(TARGET_NAMES).toContain(action.inputs.target!.default);
    const { options } = parseRunOptions(['--time-scale', action.inputs['time-scale']!.default!], {});
    expect(options.timeScale).toBe(10);
  });

  it('pins every action it uses to a version and fails the job only after the artifact is uploaded', () => {
    const uses = action.runs.steps.flatMap((s) => (s.uses ? [s.uses] : []));
    for (const ref of uses) expect(ref).toMatch(/^actions\/[\w-]+@v\d+$/);
    const names = action.runs.steps.map((s) => s.uses ?? s.id ?? '');
    expect(names.indexOf('gate')).toBeLessThan(names.indexOf('actions/upload-artifact@v4'));
    const last = action.runs.steps.at(-1)!;
    expect(last.if).toBe('always()');
    expect(last.run).toMatch(/1\).*exit 1/);
  });
});

/** Steps of a workflow that use this repository's action. */
const ourSteps = (workflow: Workflow): { job: string; step: Step }[] =>
  Object.entries(workflow.jobs).flatMap(([job, j]) =>
    j.steps.filter((s) => /\/s3-sentinel-chaos@/.test(s.uses ?? '')).map((step) => ({ job, step })),
  );

describe('docs/examples/connector-pr-gate.yml', () => {
  it('passes only inputs that action.yml declares, pinned to a tag or a commit', () => {
    const steps = ourSteps(connectorWorkflow);
    expect(steps.length).toBeGreaterThanOrEqual(3);
    for (const { job, step } of steps) {
      for (const key of Object.keys(step.with ?? {}))
        expect(Object.keys(action.inputs), `${job}: ${key}`).toContain(key);
      expect(step.uses).toMatch(/@(v\d+(\.\d+)*|[0-9a-f]{40})$/);
    }
  });

  it('runs the quick tag on pull requests', () => {
    expect(connectorWorkflow.on).toHaveProperty('pull_request');
    const [pr] = ourSteps(connectorWorkflow).filter((s) => s.job === 'pr-gate');
    expect(connectorWorkflow.jobs['pr-gate']!.if).toContain("'pull_request'");
    expect(pr!.step.with).toMatchObject({ tag: 'quick', target: 'python' });
  });

  it('shards the full gate over a matrix on release tags, then merges every shard it uploaded', () => {
    expect(connectorWorkflow.on).toHaveProperty('push.tags');
    const release = connectorWorkflow.jobs['release-gate']!;
    const shards = release.strategy?.matrix?.shard ?? [];
    expect(shards.length).toBeGreaterThan(1);
    const gate = ourSteps(connectorWorkflow).find((s) => s.job === 'release-gate')!.step.with!;
    expect(gate.tag ?? '').toBe('');
    expect(gate.scenarios ?? '').toBe('');
    const substitute = (value: string | number | undefined, shard: number): string =>
      String(value).replace(/\$\{\{\s*matrix\.shard\s*\}\}/g, String(shard));
    const artifacts = shards.map((shard) => {
      expect(parseShard(substitute(gate.shard, shard))).toEqual({ index: shard, count: shards.length });
      return substitute(gate['artifact-name'], shard);
    });
    const report = connectorWorkflow.jobs['release-report']!;
    expect(report.needs).toBe('release-gate');
    expect(report.if).toContain('always()');
    const merge = ourSteps(connectorWorkflow).find((s) => s.job === 'release-report')!.step.with!;
    const dirs = parseGateArgs(['--merge', ...String(merge.merge).split(/[\s,]+/)]).merge;
    expect(dirs).toEqual(artifacts.map((name) => `shards/${name}`));
    const download = report.steps.find((s) => s.uses?.startsWith('actions/download-artifact'))!;
    for (const name of artifacts)
      expect(name).toMatch(new RegExp(`^${String(download.with!.pattern).replace('*', '.*')}$`));
    // The published files are the ones the merge writes.
    const publish = report.steps.find((s) => s.run?.includes('gh release upload'))!.run!;
    for (const file of ['html/report.html', 'junit/junit.xml', 'json/summary.json'])
      expect(publish).toContain(`${merge.out}/${file}`);
  });
});

describe('both example workflows', () => {
  it.each([
    ['connector-pr-gate.yml', connectorWorkflow],
    ['resilience-gate.yml', harnessWorkflow],
  ])('%s parses and pins every action it uses', (_name, workflow) => {
    const uses = Object.values(workflow.jobs).flatMap((j) => j.steps.flatMap((s) => (s.uses ? [s.uses] : [])));
    expect(uses.length).toBeGreaterThan(0);
    for (const ref of uses) expect(ref).toMatch(/@(v\d+(\.\d+)*|[0-9a-f]{40})$/);
  });
});
