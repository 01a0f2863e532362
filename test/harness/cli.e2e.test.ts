/**
 * `npm run scenario` as users run it: exit codes and messages for usage mistakes, and Ctrl-C
 * tearing everything down (the "interrupted" ending).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listScenarios } from '../../scenarios/index.js';
import { runCli } from './helpers/run-cli.js';
import { isAlive, refuses } from './helpers/tracked-run.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chaos-cli-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run scenario', () => {
  it('prints the shims banner before the run starts (here the checkout is rejected right after)', async () => {
    const { code, stderr } = await runCli([
      'rate-limit',
      '--target',
      'python',
      '--connector',
      dir,
      '--shim',
      'upload-adapter',
      '--out',
      dir,
    ]).done;
    expect(code).toBe(2);
    const bannerAt = stderr.indexOf('SHIMS ACTIVE (upload-adapter)');
    expect(bannerAt, stderr).toBeGreaterThanOrEqual(0);
    expect(
      stderr.indexOf('is not a connector checkout') > bannerAt || stderr.indexOf('does not exist') > bannerAt,
      stderr,
    ).toBe(true);
  });

  it('--list prints the registered scenarios and exits 0', async () => {
    const { code, stdout } = await runCli(['--list']).done;
    expect(code).toBe(0);
    expect(stdout).toMatch(/^rate-limit\s+Sentinel rate limits uploads/m);
    expect(stdout).toMatch(/^sentinel-outage\s/m);
    expect(stdout).toMatch(/^auth-failure\s/m);
  });

  it('an unknown scenario exits 2 and lists the known ones', async () => {
    const { code, stderr } = await runCli(['no-such-scenario']).done;
    expect(code).toBe(2);
    expect(stderr).toContain(
      '[chaos] Failed to find scenario "no-such-scenario": unknown scenario. ' +
        `Known scenarios: ${listScenarios()
          .map((s) => s.id)
          .join(', ')}.`,
    );
  });

  it('a malformed scenario file exits 2 naming every problem with its path', async () => {
    const path = join(dir, 'broken.json');
    await writeFile(
      path,
      JSON.stringify({
        id: 'broken',
        title: 'Broken',
        description: 'd',
        tags: ['quick'],
        runbookRow: 'r',
        seed: { records: 1 },
        deadlineMs: 10_000,
        steps: [{ atMs: 0, action: { kind: 'clear', faultId: 'ghost' } }],
        expectations: [{ kind: 'ledger' }],
      }),
    );
    const { code, stderr } = await runCli([path]).done;
    expect(code).toBe(2);
    expect(stderr).toContain('Failed to validate scenario "broken": 2 problem(s)');
    expect(stderr).toContain('steps[0].action.faultId: no earlier inject step injects "ghost"');
    expect(stderr).toContain('expectations[0].maxLost: is required');
  });

  it('a bad option exits 2 naming the flag', async () => {
    const { code, stderr } = await runCli(['rate-limit', '--time-scale', '0']).done;
    expect(code).toBe(2);
    expect(stderr).toContain('Failed to parse --time-scale "0": expected a number > 0');
  });

  it('a bad target option exits 2 naming the option and the valid ones', async () => {
    const { code, stderr } = await runCli(['rate-limit', '--target-option', 'nope=1', '--out', dir]).done;
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /Failed to configure target "reference": unknown option "nope"\. Valid --target-option names: failure_threshold/,
    );
  });

  it('Ctrl-C tears everything down and exits 2 with "interrupted"', async () => {
    const cli = runCli(['rate-limit', '--time-scale', '20', '--verbose', '--out', dir]);
    const fakes = await cli.waitForStderr(/fakes listening: (.*)\n/);
    const launched = await cli.waitForStderr(/target run launched \(pid (\d+)\)/);
    await cli.waitForStderr(/step inject: done/);
    const ports = [...fakes[1]!.matchAll(/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1]));
    const pid = Number(launched[1]);
    expect(ports.length).toBeGreaterThanOrEqual(5);
    expect(isAlive(pid)).toBe(true);
    cli.child.kill('SIGINT');
    const { code, stderr } = await cli.done;
    expect(code).toBe(2);
    expect(stderr).toContain('[chaos] interrupted');
    expect(isAlive(pid)).toBe(false);
    expect(isAlive(-pid)).toBe(false);
    for (const port of ports) expect(await refuses(port), `port ${port}`).toBe(true);
  });
});
