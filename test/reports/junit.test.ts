import { readFile } from 'node:fs/promises';
import { XMLValidator } from 'fast-xml-parser';
import { parse, type TestSuite, type TestSuites } from 'junit2json';
import { describe, expect, it } from 'vitest';
import { junitWriter } from '../../reports/writers/junit-writer.js';
import { FIXED_DATE, loadAllFixtures, tempDir } from './helpers/fixtures.js';

async function writeAndParse(suite?: string[]): Promise<{ xml: string; parsed: TestSuites }> {
  await using dir = await tempDir();
  const [path] = await junitWriter.write(
    {
      results: loadAllFixtures(),
      outDir: dir.path,
      harnessVersion: '0.1.0',
      generatedAt: FIXED_DATE,
      ...(suite ? { suite } : {}),
    },
    {},
  );
  expect(path).toBe(`${dir.path}/junit/junit.xml`);
  const xml = await readFile(path!, 'utf8');
  // junit2json (xml2js) is lenient; a strict well-formedness check first.
  expect(XMLValidator.validate(xml)).toBe(true);
  const parsed = (await parse(xml)) as TestSuites;
  return { xml, parsed };
}

const suiteNamed = (parsed: TestSuites, name: string): TestSuite => {
  const suite = parsed.testsuite?.find((s) => s.name === name);
  if (!suite) throw new Error(`no testsuite ${name}`);
  return suite;
};

describe('junit writer', () => {
  it('writes one testsuite per scenario and one testcase per expectation, parsed by junit2json', async () => {
    const { parsed } = await writeAndParse();
    expect(parsed.name).toBe('resilience-gate');
    expect(parsed.testsuite?.map((s) => s.name)).toEqual([
      'auth-failure',
      'keyvault-network',
      'rate-limit',
      'sentinel-outage',
    ]);
    for (const result of loadAllFixtures()) {
      const suite = suiteNamed(parsed, result.scenario);
      const expectationCases = suite.testcase?.filter((c) => c.name !== 'scenario run') ?? [];
      expect(expectationCases.map((c) => c.name)).toEqual(result.expectations.map((e) => e.name));
      expect(suite.tests).toBe(suite.testcase?.length);
    }
    expect(parsed.tests).toBe(4 + 2 + 3 + 1);
    expect(parsed.failures).toBe(1);
    expect(parsed.errors).toBe(1);
  });

  it('gives a failed expectation a <failure> naming it with expected, observed and the deciding evidence', async () => {
    const { parsed } = await writeAndParse();
    const suite = suiteNamed(parsed, 'auth-failure');
    expect(suite.failures).toBe(1);
    const failing = suite.testcase?.find((c) => c.failure);
    expect(failing?.name).toBe('recovers within recovery_timeout + tolerance');
    const failure = failing!.failure![0]!;
    expect(failure.type).toBe('recovery_time');
    expect(failure.message).toContain(
      'recovers within recovery_timeout + tolerance: expected {"maxMs":75000,"minMs":0}, observed {"recoveryMs":95000}',
    );
    expect(failure.message).toContain(
      'evidence: 2026-11-27 04:00:09,500 - src.utils.circuit_breaker - INFO - ' +
        "Circuit breaker 'azure-sentinel': HALF_OPEN → CLOSED",
    );
    expect(failure.inner).toContain('95.0 s > 75.0 s');
    expect(suite.testcase?.filter((c) => !c.failure).every((c) => !c.error)).toBe(true);
  });

  it('turns an errored scenario into an <error>, not a failure', async () => {
    const { parsed } = await writeAndParse();
    const suite = suiteNamed(parsed, 'sentinel-outage');
    expect(suite.errors).toBe(1);
    expect(suite.failures).toBe(0);
    const error = suite.testcase?.[0]?.error?.[0];
    expect(error?.type).toBe('infrastructure');
    expect(error?.message).toContain('reference target exited with code 1');
  });

  it('escapes log text (markup, ampersands, control characters) so the XML stays valid', async () => {
    const { xml, parsed } = await writeAndParse();
    expect(xml).not.toContain('<script>');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserts these XML-illegal characters are absent
    expect(xml).not.toMatch(/[\u0000-\u0008]/);
    const out = suiteNamed(parsed, 'auth-failure')['system-out']?.[0] ?? '';
    expect(out).toContain('<script>alert("x")</script> & more');
  });

  it('reports a suite scenario without a result file as an error', async () => {
    const { parsed } = await writeAndParse([
      'auth-failure',
      'keyvault-network',
      'rate-limit',
      'sentinel-outage',
      's3-flaky-network',
    ]);
    const suite = suiteNamed(parsed, 's3-flaky-network');
    expect(suite.testcase?.[0]?.error?.[0]?.message).toContain('no result file for scenario s3-flaky-network');
    expect(parsed.errors).toBe(2);
  });
});
