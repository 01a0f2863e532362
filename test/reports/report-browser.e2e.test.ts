import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNBOOK_PROMISES } from '../../scenarios/promises.js';
import { FIXTURE_IDS, FIXTURES_DIR, tempDir } from './helpers/fixtures.js';

const root = new URL('../../', import.meta.url);
const artifacts = new URL('test-artifacts/', root).pathname;

describe('HTML report in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the promise table and one SVG timeline per scenario, with no console errors and no network', async () => {
    await using out = await tempDir();
    // Through the real CLI, as a release engineer runs it.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'cli/report.ts', '--from', FIXTURES_DIR, '--out', out.path],
      { cwd: root.pathname },
    );
    expect(stdout).toContain(`report: wrote ${out.path}/html/report.html`);

    const page = await browser.newPage({ viewport: { width: 1_100, height: 1_000 } });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const url = pathToFileURL(`${out.path}/html/report.html`).href;
    await page.goto(url, { waitUntil: 'load' });

    const promiseTable = page.locator('table#promise-table');
    await expect.poll(() => promiseTable.isVisible()).toBe(true);
    expect(await promiseTable.locator('tbody tr').count()).toBe(RUNBOOK_PROMISES.length);
    expect(await promiseTable.locator('tr[data-status="violated"]').count()).toBe(1);

    const sections = page.locator('section.scenario');
    expect(await sections.count()).toBe(FIXTURE_IDS.length);
    for (let i = 0; i < FIXTURE_IDS.length; i++) {
      const svg = sections.nth(i).locator('svg.timeline');
      expect(await svg.count()).toBe(1);
      const box = await svg.boundingBox();
      expect(box?.width).toBeGreaterThan(500);
      expect(box?.height).toBeGreaterThan(200);
    }
    // The injected log line is shown as text, never run.
    expect(await page.locator('pre', { hasText: '<script>alert("x")</script>' }).count()).toBeGreaterThan(0);
    // A promise links to its scenario section.
    await page.locator('tr[data-promise="breaker-closes-after-successes"] a').click();
    expect(page.url()).toBe(`${url}#scenario-auth-failure`);

    await mkdir(artifacts, { recursive: true });
    await page.goto(url);
    await page.screenshot({ path: `${artifacts}report.png`, fullPage: true });
    await sections
      .first()
      .locator('figure.timeline')
      .screenshot({ path: `${artifacts}report-timeline.png` });
    expect(requests.every((r) => r.startsWith('file://'))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });
});
