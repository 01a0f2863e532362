/**
 * The operator's view in the HTML report, as a release engineer opens it: a real rate-limit run
 * of the reference at ×10 (its rule file evaluated by promtool), then `npm run report`, then
 * headless Chromium: the alerts lane shows pending and firing, the alert-rules table lists the
 * reference's rules with when they fired and cleared, and the runbook lines are marked met.
 */
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../harness/run/run-scenario.js';
import { getScenario } from '../../scenarios/index.js';
import { tempDir } from './helpers/fixtures.js';

const root = new URL('../../', import.meta.url);
const artifacts = new URL('test-artifacts/', root).pathname;

describe('operator view in the HTML report (headless Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the alerts lane (pending, firing), the alert-rules table and the runbook lines', async () => {
    await using out = await tempDir('chaos-operator-report-');
    const result = await runScenario(getScenario('rate-limit')!, {
      target: 'reference',
      targetOptions: {},
      shims: [],
      timeScale: 10,
      seed: 1,
      outDir: `${out.path}/results`,
      verbose: false,
    });
    const fires = result.expectations.find((e) => e.kind === 'alert_fires');
    expect(fires, JSON.stringify(result.expectations.filter((e) => !e.passed))).toMatchObject({ passed: true });
    expect(result.operator?.alertRules.rules.map((r) => r.name)).toEqual([
      'CircuitBreakerOpen',
      'FailedBatchesWaiting',
    ]);

    await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'cli/report.ts', '--from', `${out.path}/results`, '--out', `${out.path}/report`],
      { cwd: root.pathname },
    );
    const page = await browser.newPage({ viewport: { width: 1_100, height: 1_000 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto(pathToFileURL(`${out.path}/report/html/report.html`).href, { waitUntil: 'load' });

    const section = page.locator('section.scenario').first();
    const svg = section.locator('svg.timeline');
    await expect.poll(() => svg.isVisible()).toBe(true);
    const alerts = svg.locator('g.lane-alerts');
    expect(await alerts.locator('rect.alert-firing').count()).toBeGreaterThanOrEqual(2);
    // FailedBatchesWaiting has `for: 1m`: it is pending for a minute before it fires.
    expect(await alerts.locator('rect.alert-pending').count()).toBeGreaterThanOrEqual(1);
    expect(await alerts.locator('text', { hasText: 'alert CircuitBreakerOpen' }).count()).toBe(1);
    expect(await svg.locator('g.lane-ready rect.ready').count()).toBeGreaterThanOrEqual(3);
    expect(await svg.locator('g.lane-breaker-gauge').count()).toBeGreaterThanOrEqual(1);
    const firingBox = await alerts.locator('rect.alert-firing').first().boundingBox();
    expect(firingBox?.width).toBeGreaterThan(5);

    const rules = section.locator('div.alert-rules table');
    expect(await rules.locator('tbody tr').count()).toBe(2);
    const breakerRow = rules.locator('tbody tr', { hasText: 'CircuitBreakerOpen' });
    expect(await breakerRow.locator('td').nth(5).textContent()).toBe('fired');
    expect(await breakerRow.locator('td').nth(6).textContent()).toBe('no');
    const lines = section.locator('div.runbook-lines table');
    const whenToUse = lines.locator('tbody tr', { hasText: 'Circuit breaker OPEN for [service-name]' });
    expect(await whenToUse.locator('td').nth(3).textContent()).toBe('met');
    expect(await lines.locator('tbody tr', { hasText: 'Monitoring alerts cleared' }).count()).toBe(1);

    await mkdir(artifacts, { recursive: true });
    await section.locator('figure.timeline').screenshot({ path: `${artifacts}report-operator-timeline.png` });
    expect(problems).toEqual([]);
    await page.close();
  });
});
