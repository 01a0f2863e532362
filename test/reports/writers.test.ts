import { readFile } from 'node:fs/promises';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { collapseRepeats } from '../../reports/model/evidence.js';
import type { GateSummary } from '../../reports/summary/gate-summary.js';
import { renderTimelineSvg } from '../../reports/timeline/render-timeline-svg.js';
import { REPORT_WRITERS, writeReports } from '../../reports/writers/registry.js';
import { RUNBOOK_PROMISES } from '../../scenarios/promises.js';
import { FIXED_DATE, loadAllFixtures, loadFixture, tempDir } from './helpers/fixtures.js';

const input = (outDir: string) => ({
  results: loadAllFixtures(),
  outDir,
  harnessVersion: '0.1.0',
  generatedAt: FIXED_DATE,
});

describe('writer registry', () => {
  it('names json, junit, markdown and html, each writing only inside <out>/<name>/', async () => {
    expect(Object.keys(REPORT_WRITERS).sort()).toEqual(['html', 'json', 'junit', 'markdown']);
    await using dir = await tempDir();
    const written = await writeReports(input(dir.path), [
      'json',
      ['junit', { fileName: 'gate.xml' }],
      'markdown',
      'html',
    ]);
    for (const path of written)
      expect(path.slice(dir.path.length + 1).split('/')[0]).toMatch(/^(json|junit|markdown|html)$/);
    expect(written).toContain(`${dir.path}/junit/gate.xml`);
    expect(written).toContain(`${dir.path}/markdown/timeline-auth-failure.svg`);
  });
});

describe('json summary writer', () => {
  it('summarises verdicts, expectations, promises and the exit code (a failure wins over an error)', async () => {
    await using dir = await tempDir();
    const [path] = await REPORT_WRITERS.json.write(input(dir.path), {});
    const summary = JSON.parse(await readFile(path!, 'utf8')) as GateSummary;
    expect(summary).toMatchObject({
      schemaVersion: 1,
      kind: 'chaos-gate-summary',
      generatedAt: FIXED_DATE.toISOString(),
      verdict: 'failed',
      exitCode: 1,
      suite: ['auth-failure', 'keyvault-network', 'rate-limit', 'sentinel-outage'],
      missing: [],
      totals: { scenarios: 4, passed: 2, failed: 1, errored: 1, missing: 0, expectations: 9, expectationsFailed: 1 },
    });
    expect(summary.scenarios.map((s) => [s.id, s.verdict])).toEqual([
      ['auth-failure', 'failed'],
      ['keyvault-network', 'passed'],
      ['rate-limit', 'passed'],
      ['sentinel-outage', 'error'],
    ]);
    expect(summary.promises.map((p) => p.id)).toEqual(RUNBOOK_PROMISES.map((p) => p.id));
    const status = Object.fromEntries(summary.promises.map((p) => [p.id, p.status]));
    expect(status).toMatchObject({
      'breaker-closes-after-successes': 'violated',
      'auth-failure-breaker': 'verified',
      'keyvault-cache-while-open': 'verified with help', // its only run had a shim
      'outage-breaker': 'not exercised',
    });
  });
});

describe('markdown writer', () => {
  it('matches the reviewed report for the fixtures', async () => {
    await using dir = await tempDir();
    const [path] = await REPORT_WRITERS.markdown.write(input(dir.path), { timelineFiles: false });
    // Only the generation time is volatile; the fixtures pin everything else.
    const text = (await readFile(path!, 'utf8')).replace(FIXED_DATE.toISOString(), '<generated>');
    await expect(text).toMatchFileSnapshot('__snapshots__/report.md');
  });

  it('escapes log text and links every promise to its scenario section', async () => {
    await using dir = await tempDir();
    const [path] = await REPORT_WRITERS.markdown.write(input(dir.path), {});
    const text = await readFile(path!, 'utf8');
    // Inside fenced code blocks log lines are literal text (Markdown renders no HTML there);
    // everywhere else they are escaped.
    const outsideCode = text.replace(/^(`{3,})text\n[\s\S]*?\n\1$/gm, '');
    expect(text).toContain('<script>alert("x")</script>');
    expect(outsideCode).not.toContain('<script>');
    expect(text).toContain('[auth-failure](#scenario-auth-failure)');
    expect(text).toContain('<a id="scenario-auth-failure"></a>');
    expect(text).toContain('![Timeline of auth-failure](timeline-auth-failure.svg)');
    expect(text).toMatch(/The harness helped the connector: shim aiohttp-loopback-tls/);
  });
});

describe('html writer', () => {
  it(
    'writes one self-contained document: ' + 'promise table, one SVG per scenario, no scripts or external assets',
    async () => {
      await using dir = await tempDir();
      const [path] = await REPORT_WRITERS.html.write(input(dir.path), {});
      const html = await readFile(path!, 'utf8');
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).not.toMatch(/<script|<link|<img|@import|url\(http|src="http/i);
      expect(html).not.toContain('<script>alert');
      expect(html.match(/<svg /g)).toHaveLength(4);
      expect(html.match(/<tr data-promise=/g)).toHaveLength(RUNBOOK_PROMISES.length);
      expect(html).toContain('id="shims-warning"');
      expect(html).toContain('<tr data-promise="breaker-closes-after-successes" data-status="violated">');
      expect(html).toContain('href="#scenario-auth-failure"');
    },
  );
});

describe('timeline svg', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });

  it('is well-formed XML with a band per breaker state change, fault windows by layer and a legend', () => {
    const svg = renderTimelineSvg(loadFixture('keyvault-network'), { idPrefix: 'kv' });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(parser.parse(svg).svg.viewBox).toMatch(/^0 0 1000 \d+$/);
    // Breaker bands carry a <title> naming breaker, state and window.
    const bandTitles = [...svg.matchAll(/<title>(azure-[a-z-]+ [A-Z_]+ [^<]+)<\/title>/g)].map((m) => m[1]);
    expect(bandTitles).toEqual([
      'azure-key-vault CLOSED 0s–30s',
      'azure-key-vault OPEN 30s–90s',
      'azure-key-vault HALF_OPEN 90s–107s',
      'azure-key-vault CLOSED 107s–110s',
      'azure-sentinel CLOSED 0s–110s',
    ]);
    expect(svg.match(/class="fault fault-network"/g)).toHaveLength(2);
    expect(svg).not.toContain('class="fault fault-http"');
    expect(renderTimelineSvg(loadFixture('auth-failure')).match(/class="fault fault-http"/g)).toHaveLength(1);
    expect(svg).toContain('NET keyvault: reset_peer');
    expect(svg).toContain('network fault (toxiproxy)');
  });

  it('draws an errored scenario without data as an empty but valid picture', () => {
    const svg = renderTimelineSvg(loadFixture('sentinel-outage'));
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain('no faults injected');
    expect(svg).toContain('no requests recorded');
  });
});

describe('evidence excerpts', () => {
  it('collapse lines that repeat recent ones up to timestamps, ids and numbers', () => {
    const lines = [
      '2026-11-27 04:09:29,662 - root - ERROR - Circuit breaker OPEN. Recovery attempt in 21.8s.',
      '2026-11-27 04:09:29,676 - root - ERROR - Batch 92d267a0649c1b0a39ff789c849301e1 failed',
      '2026-11-27 04:09:29,761 - root - ERROR - Circuit breaker OPEN. Recovery attempt in 21.7s.',
      '2026-11-27 04:09:29,785 - root - ERROR - Batch 9a2d475ec6d0d40ad7174e8fac5b5203 failed',
      '2026-11-27 04:09:31,000 - root - INFO - Circuit breaker closed',
    ];
    expect(collapseRepeats(lines)).toEqual([lines[0], lines[1], '  … 2 more similar lines', lines[4]]);
  });
});

describe('record integrity and the steady-state hypothesis in the report', () => {
  it('shows the integrity table, the first field diffs and the hypothesis before and after', async () => {
    const base = loadFixture('rate-limit');
    const result = {
      ...base,
      ledger: {
        ...base.ledger,
        integrity: {
          schema: 'checkout config/tables.yaml (table firewall)',
          intact: 90,
          altered: 8,
          missingFields: 2,
          duplicated: 3,
          reRead: 4,
          stored: 0,
          lost: 0,
          unidentified: 0,
          deliveriesByOrigin: { run: 96, 'replay-failed': 8 },
          alteredSamples: [{ id: '12', diffs: ['SourceIP: "10.0.0.12" → "[REDACTED:IPV4]" (via replay-failed)'] }],
          missingSamples: [{ id: '13', columns: ['Protocol', 'SourcePort'] }],
        },
      },
      expectations: [
        ...base.expectations,
        {
          name: 'steady state before the first fault',
          kind: 'steady_state_before',
          passed: true,
          expected: 'each fresh record delivered exactly once within 3000 ms',
          observed: '4 of 4 fresh record(s) steady',
          evidence: ['window 0.0s–10.0s, bound 3000 ms'],
        },
        {
          name: 'steady state after recovery',
          kind: 'steady_state_after',
          passed: false,
          expected: 'each fresh record delivered exactly once within 3000 ms',
          observed: '10 of 33 fresh record(s) steady',
          evidence: ['window 85.0s–170.0s, bound 3000 ms', 'record 60 delivered 2 times after recovery'],
        },
      ],
    };
    await using dir = await tempDir();
    const written = await REPORT_WRITERS.markdown.write({ ...input(dir.path), results: [result] }, {});
    const text = await readFile(written.find((p) => p.endsWith('.md'))!, 'utf8');
    expect(text).toContain('#### Record integrity');
    expect(text).toContain('Judged against: checkout config/tables.yaml (table firewall)');
    expect(text).toMatch(/\| Intact \| Altered \| Missing fields \| Duplicated \| Re-read \| Stored \| Lost/);
    // Bad counts are bold.
    expect(text).toContain('| 90 | **8** | **2** | **3** | **4** | 0 | 0 | 0 |');
    expect(text).toContain('- record 12: SourceIP: "10.0.0.12" → "[REDACTED:IPV4]" (via replay-failed)');
    expect(text).toContain('record 13 arrived without Protocol, SourcePort');
    expect(text).toContain('#### Steady-state hypothesis');
    expect(text).toContain('| after recovery | **NO** | 10 of 33 fresh record(s) steady |');
  });
});
