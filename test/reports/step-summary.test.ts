import { describe, expect, it } from 'vitest';
import { buildGateSummary } from '../../reports/summary/gate-summary.js';
import { renderStepSummary } from '../../reports/summary/step-summary.js';
import { RUNBOOK_PROMISES } from '../../scenarios/promises.js';
import { FIXED_DATE, loadAllFixtures, loadFixture } from './helpers/fixtures.js';

const summaryOf = (results = loadAllFixtures()) =>
  buildGateSummary({ results, harnessVersion: '0.1.0', generatedAt: FIXED_DATE });

describe('CI step summary', () => {
  it('matches the reviewed Markdown for the fixtures', async () => {
    await expect(renderStepSummary(summaryOf())).toMatchFileSnapshot('__snapshots__/step-summary.md');
  });

  it('puts the findings before the promise table, which names every promise', () => {
    const text = renderStepSummary(summaryOf());
    const findings = text.indexOf('### Findings');
    const promises = text.indexOf('### Runbook promises');
    expect(findings).toBeGreaterThan(0);
    expect(promises).toBeGreaterThan(findings);
    expect(text.slice(findings, promises)).toMatch(/^1\. .*\*\*promise broken:\*\*/m);
    // Cited promises are table rows; the others are listed by id on one line under the table.
    for (const p of RUNBOOK_PROMISES) expect(text).toContain(`\`${p.id}\``);
    expect(text).toContain('| ❌ violated | `breaker-closes-after-successes` |');
    expect(text).toMatch(/^⚪ not exercised by this run \(\d+\): `breaker-opens-at-threshold`, /m);
    // A step summary has no scenario sections to link to.
    expect(text).not.toContain('](#scenario-');
  });

  it('says what the exit code means and names a shard', () => {
    const passed = buildGateSummary({
      results: [loadFixture('rate-limit')],
      harnessVersion: '0.1.0',
      generatedAt: FIXED_DATE,
      shard: { index: 2, count: 3, fullSuite: ['rate-limit'] },
    });
    const text = renderStepSummary(passed);
    expect(text).toMatch(/^## Resilience gate \(shard 2\/3\)$/m);
    expect(text).toContain('(exit 0: every expectation held)');
  });
});
