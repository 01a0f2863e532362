import { execFile } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseReportArgs } from '../../cli/args/report-args.js';
import { FIXTURES_DIR, tempDir } from './helpers/fixtures.js';

const root = new URL('../../', import.meta.url).pathname;

async function runCli(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: root,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run report', () => {
  it('writes Markdown (with timeline SVGs) and one HTML file from a results dir', async () => {
    await using out = await tempDir();
    const { code, stdout } = await runCli('cli/report.ts', ['--from', FIXTURES_DIR, '--out', out.path]);
    expect(code).toBe(0);
    expect(stdout).toContain('report: 4 scenario(s)');
    expect((await readdir(out.path)).sort()).toEqual(['html', 'markdown']);
    expect(await readdir(`${out.path}/html`)).toEqual(['report.html']);
    expect((await readdir(`${out.path}/markdown`)).filter((n) => n.endsWith('.svg'))).toHaveLength(4);
  });

  it('exits 2 with a fix hint when the dir has no result files or a broken one', async () => {
    await using empty = await tempDir();
    const none = await runCli('cli/report.ts', ['--from', empty.path]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^Failed to write the report: no result files in .*Run npm run gate/);
    await writeFile(`${empty.path}/x.json`, JSON.stringify({ schemaVersion: 1, scenario: 'x', verdict: 'passed' }));
    const broken = await runCli('cli/report.ts', ['--from', empty.path]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(
      /^Failed to read result file .*x\.json: field "timeScale" is not a number\. Regenerate/,
    );
  });

  it('parses its flags and rejects unknown ones', () => {
    expect(parseReportArgs(['--from=a', '--out', 'b', '--format', 'html'])).toEqual({
      help: false,
      from: 'a',
      out: 'b',
      formats: ['html'],
    });
    expect(parseReportArgs([]).from).toBe('.chaos/results');
    expect(() => parseReportArgs(['--bogus'])).toThrow(/unknown option/);
    expect(() => parseReportArgs(['--format', 'pdf'])).toThrow(/unknown writer pdf/);
  });
});

describe('npm run gate', () => {
  it('prints help and exits 0', async () => {
    const { code, stdout } = await runCli('cli/gate.ts', ['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--shard i/n');
    expect(stdout).toContain('Exit:   0 all expectations passed');
  });

  it('exits 2 on a bad gate flag, naming it', async () => {
    const { code, stderr } = await runCli('cli/gate.ts', ['--shard', '5/2']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^Failed to parse --shard "5\/2"/);
  });
});
