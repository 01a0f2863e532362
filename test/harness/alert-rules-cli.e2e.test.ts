/**
 * `--alert-rules` as users pass it: a malformed rule file stops the run with exit 2 before the
 * target starts, naming the file and what promtool (or the YAML parser) said about it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chaos-alert-rules-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run scenario --alert-rules', () => {
  it("a rule with a PromQL syntax error exits 2 naming the file and promtool's message", async () => {
    const file = join(dir, 'broken-rules.yml');
    await writeFile(
      file,
      'groups:\n  - name: broken\n    rules:\n      - alert: Broken\n' +
        '        expr: rate(s3_sentinel_failed_records_total[5m] > 1\n',
    );
    const { code, stderr } = await runCli(['rate-limit', '--time-scale', '10', '--alert-rules', file, '--out', dir])
      .done;
    expect(code, stderr).toBe(2);
    expect(stderr).toContain(`Failed to load alert rules from ${file} (rule file): promtool check rules said:`);
    // promtool's own words about the expression, with the file it was given.
    expect(stderr).toMatch(/parse error|unclosed left parenthesis|unexpected/);
    expect(stderr).toContain('Fix the rule file.');
  });

  it('a file that is not YAML exits 2 naming it', async () => {
    const file = join(dir, 'not-yaml.yml');
    await writeFile(file, 'groups:\n  - name: [unclosed\n');
    const { code, stderr } = await runCli(['rate-limit', '--alert-rules', file, '--out', dir]).done;
    expect(code, stderr).toBe(2);
    expect(stderr).toContain(`Failed to load alert rules from ${file}: the YAML does not parse`);
  });
});
