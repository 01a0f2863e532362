import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResultExpectation, ScenarioResultFile } from '../../harness/result/result-schema.js';
import { formatValue } from '../model/format-value.js';
import { escapeXml } from './escape.js';
import type { ReportWriter } from './writer.js';

export interface JunitOptions {
  /** @default 'junit.xml' */
  readonly fileName?: string;
  /** Name of the `<testsuites>` element. @default 'resilience-gate' */
  readonly suiteName?: string;
  /** Log lines kept in each suite's `<system-out>`. @default 60 */
  readonly systemOutLines?: number;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);
// The Ant JUnit schema's timestamp has no zone and no fraction; results are in UTC.
const junitTimestamp = (iso: string): string => iso.replace(/\.\d+Z$|Z$/, '');
const attr = (name: string, value: string | number): string => ` ${name}="${escapeXml(String(value))}"`;

/** `<failure message>`: names the expectation and gives expected, observed and the deciding evidence. */
export function formatFailureMessage(expectation: ResultExpectation): string {
  const first = expectation.evidence[0];
  const evidence =
    first === undefined ? 'no evidence recorded' : first.length > 300 ? `${first.slice(0, 299)}…` : first;
  return (
    `${expectation.name}: expected ${formatValue(expectation.expected, 200)}, ` +
    `observed ${formatValue(expectation.observed, 200)}; evidence: ${evidence}`
  );
}

function renderExpectation(result: ScenarioResultFile, expectation: ResultExpectation): string {
  const classname = attr('classname', `chaos.${result.scenario}`);
  const open = `    <testcase${attr('name', expectation.name)}${classname}${attr('time', '0')}`;
  if (expectation.passed) return `${open}/>`;
  const body = [
    `expectation: ${expectation.name} (${expectation.kind})` +
      (expectation.promise ? `, promise ${expectation.promise}` : ''),
    `expected: ${formatValue(expectation.expected, 2_000)}`,
    `observed: ${formatValue(expectation.observed, 2_000)}`,
    'evidence:',
    ...expectation.evidence.map((line) => `  ${line}`),
  ].join('\n');
  return (
    `${open}>\n      <failure${attr('message', formatFailureMessage(expectation))}${attr('type', expectation.kind)}>` +
    `${escapeXml(body)}</failure>\n    </testcase>`
  );
}

function renderSuite(result: ScenarioResultFile, index: number, options: JunitOptions): string {
  const failures = result.expectations.filter((e) => !e.passed).length;
  const errors = result.verdict === 'error' ? 1 : 0;
  const tests = result.expectations.length + errors + (result.verdict === 'not_applicable' ? 1 : 0);
  const properties: [string, string][] = [
    ['target', result.target],
    ['runbookRow', result.runbookRow],
    ['timeScale', String(result.timeScale)],
    ['seed', String(result.seed)],
    ['shims', result.shims.join(',')],
    ...Object.entries(result.versions.target).map(([k, v]): [string, string] => [`target.${k}`, v]),
  ];
  const cases: string[] = [];
  const skipped = result.verdict === 'not_applicable' ? 1 : 0;
  if (skipped) {
    const message = `not applicable: ${result.error ?? 'no reason given'}`;
    cases.push(
      `    <testcase${attr('name', 'scenario run')}${attr('classname', `chaos.${result.scenario}`)}` +
        `${attr('time', '0')}>\n` +
        `      <skipped${attr('message', message)}/>\n    </testcase>`,
    );
  }
  if (errors) {
    const message = `scenario ${result.scenario} errored: ${result.error ?? 'no message'}`;
    const classname = attr('classname', `chaos.${result.scenario}`);
    const details = escapeXml([message, ...result.logExcerpt.slice(-20)].join('\n'));
    cases.push(
      `    <testcase${attr('name', 'scenario run')}${classname}${attr('time', seconds(result.durationMs))}>\n` +
        `      <error${attr('message', message)}${attr('type', 'infrastructure')}>${details}</error>\n` +
        '    </testcase>',
    );
  }
  cases.push(...result.expectations.map((e) => renderExpectation(result, e)));
  const systemOut = result.logExcerpt.slice(-(options.systemOutLines ?? 60)).join('\n');
  return [
    `  <testsuite${attr('name', result.scenario)}${attr('tests', tests)}${attr('failures', failures)}` +
      `${attr('errors', errors)}${attr('skipped', skipped)}${attr('time', seconds(result.durationMs))}` +
      `${attr('timestamp', junitTimestamp(result.startedAt))}${attr('hostname', 'localhost')}` +
      `${attr('id', index)}${attr('package', `chaos.${result.target}`)}>`,
    `    <properties>`,
    ...properties.map(([name, value]) => `      <property${attr('name', name)}${attr('value', value)}/>`),
    `    </properties>`,
    ...cases,
    `    <system-out>${escapeXml(systemOut)}</system-out>`,
    `    <system-err></system-err>`,
    `  </testsuite>`,
  ].join('\n');
}

/** A suite scenario with no result file (a shard that never uploaded, a crashed run). */
function renderMissingSuite(id: string, index: number): string {
  const message = `no result file for scenario ${id}: it did not run or its shard's output is missing`;
  return [
    `  <testsuite${attr('name', id)}${attr('tests', 1)}${attr('failures', 0)}${attr('errors', 1)}` +
      `${attr('skipped', 0)}${attr('time', '0.000')}${attr('timestamp', '1970-01-01T00:00:00')}` +
      `${attr('hostname', 'localhost')}${attr('id', index)}${attr('package', 'chaos.missing')}>`,
    `    <properties></properties>`,
    `    <testcase${attr('name', 'scenario run')}${attr('classname', `chaos.${id}`)}${attr('time', '0')}>`,
    `      <error${attr('message', message)}${attr('type', 'infrastructure')}>${escapeXml(message)}</error>`,
    `    </testcase>`,
    `    <system-out></system-out>`,
    `    <system-err></system-err>`,
    `  </testsuite>`,
  ].join('\n');
}

/**
 * `<out>/junit/junit.xml`: one `<testsuite>` per scenario, one `<testcase>` per expectation.
 * A failed expectation is a `<failure>`; an errored scenario adds a `scenario run` testcase
 * carrying an `<error>`, so CI tells a broken promise from broken infrastructure.
 */
export const junitWriter: ReportWriter<JunitOptions> = {
  name: 'junit',
  async write(input, options) {
    const dir = join(input.outDir, 'junit');
    await mkdir(dir, { recursive: true });
    const path = join(dir, options.fileName ?? 'junit.xml');
    const results = input.results;
    const present = new Set(results.map((r) => r.scenario));
    const missing = [...new Set(input.suite ?? [])].filter((id) => !present.has(id)).sort();
    const tests =
      results.reduce(
        (n, r) => n + r.expectations.length + (r.verdict === 'error' || r.verdict === 'not_applicable' ? 1 : 0),
        0,
      ) + missing.length;
    const skipped = results.filter((r) => r.verdict === 'not_applicable').length;
    const failures = results.reduce((n, r) => n + r.expectations.filter((e) => !e.passed).length, 0);
    const errors = results.filter((r) => r.verdict === 'error').length + missing.length;
    const time = results.reduce((n, r) => n + r.durationMs, 0);
    const xml = [
      `<?xml version="1.0" encoding="UTF-8"?>`,
      `<testsuites${attr('name', options.suiteName ?? 'resilience-gate')}${attr('tests', tests)}` +
        `${attr('failures', failures)}${attr('errors', errors)}${attr('skipped', skipped)}` +
        `${attr('time', seconds(time))}>`,
      ...results.map((r, i) => renderSuite(r, i, options)),
      ...missing.map((id, i) => renderMissingSuite(id, results.length + i)),
      `</testsuites>`,
      '',
    ].join('\n');
    await writeFile(path, xml);
    return [path];
  },
};
