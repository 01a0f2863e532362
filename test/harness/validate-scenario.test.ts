import { describe, expect, it } from 'vitest';
import { InvalidScenarioError } from '../../harness/errors.js';
import { assertValidScenario, validateScenario } from '../../harness/scenario/validate-scenario.js';
import { listScenarios } from '../../scenarios/index.js';
import * as fixtures from './fixtures/invalid-scenarios.js';

describe('validateScenario', () => {
  it('accepts every registered scenario', () => {
    for (const scenario of listScenarios()) expect(validateScenario(scenario), scenario.id).toEqual([]);
  });

  it('reports a missing title by its path', () => {
    expect(validateScenario(fixtures.missingTitleScenario)).toEqual(['title: is required (a non-empty string)']);
  });

  it('reports a bad fault rule with the full path into the step', () => {
    const problems = validateScenario(fixtures.badFaultStatusScenario);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^steps\[0\]\.action\.fault\.effect\.status: must be one of .*429/);
  });

  it('reports a clear step naming a fault no earlier step injects', () => {
    expect(validateScenario(fixtures.clearUnknownFaultScenario)).toEqual([
      'steps[1].action.faultId: no earlier inject step injects "no-such-fault" (known: sentinel-429)',
    ]);
  });

  it('reports an expectation whose fromStep names no step', () => {
    const [problem] = validateScenario(fixtures.unknownFromStepScenario);
    expect(problem).toMatch(
      /^expectations\[\d+\]\.fromStep: no step is named "never-defined" \(steps: inject, lift-rate-limit, half-open/,
    );
  });

  it('reports negative times', () => {
    expect(validateScenario(fixtures.negativeTimeScenario)).toEqual(['steps[0].atMs: must be >= 0, got -5']);
  });

  it('reports step times and arrivals beyond the deadline', () => {
    const problems = validateScenario(fixtures.deadlineTooShortScenario);
    expect(problems).toContain('steps[5].atMs: must be <= 10000, got 165000');
    expect(problems).toContain('steps[1].timeoutMs: must be <= 10000, got 100000');
    expect(problems.some((p) => /^seed\.arrivals\[\d+\]\.atMs: must be <= 10000/.test(p))).toBe(true);
  });

  it('reports a step with two triggers', () => {
    expect(validateScenario(fixtures.twoTriggersScenario)).toEqual([
      'steps[1]: needs exactly one trigger: atMs, or when (with timeoutMs)',
    ]);
  });

  it('reports duplicate step names', () => {
    expect(validateScenario(fixtures.duplicateStepNameScenario)).toEqual([
      'steps[3].name: "half-open" is used by an earlier step; step names must be unique',
    ]);
  });

  it('reports an impossible breaker state in a condition', () => {
    expect(validateScenario(fixtures.badConditionScenario)).toEqual([
      'steps[1].when.state: must be one of CLOSED, OPEN, HALF_OPEN, got "AJAR"',
    ]);
  });

  it('reports every problem at once', () => {
    const problems = validateScenario(fixtures.manyProblemsScenario);
    expect(problems).toEqual(
      expect.arrayContaining([
        'title: is required (a non-empty string)',
        'deadlineMs: must be > 0, got -1',
        `expectations[${(fixtures.manyProblemsScenario.expectations as unknown[]).length - 1}].maxLost: ` +
          'is required (an integer >= 0)',
      ]),
    );
  });

  it('throws InvalidScenarioError listing the problems', () => {
    expect(() => assertValidScenario(fixtures.missingTitleScenario)).toThrow(InvalidScenarioError);
    expect(() => assertValidScenario(fixtures.missingTitleScenario)).toThrow(
      /Failed to validate scenario "rate-limit": 1 problem\(s\):\n {2}- title: is required/,
    );
  });

  it('reports a bad toxic attribute by its path, with what the toxic takes', () => {
    expect(validateScenario(fixtures.badToxicAttributeScenario)).toEqual([
      'steps[0].action.fault.attributes.delay: not an attribute of "latency" (known: latency, jitter)',
      'steps[0].action.fault.attributes.latency: required for "latency" (delay added to each chunk, ms)',
    ]);
  });

  it('reports a network fault on a service the scenario does not proxy', () => {
    expect(validateScenario(fixtures.unproxiedNetworkServiceScenario)).toEqual([
      'steps[0].action.fault.service: "s3" has no proxy in this run (proxied: sentinel); add it to networkServices',
    ]);
  });

  it('reports network attributes that are not numbers without running the toxic checks on them', () => {
    const s = JSON.parse(JSON.stringify(fixtures.badToxicAttributeScenario)) as {
      steps: { action: { fault: Record<string, unknown> } }[];
    };
    s.steps[0]!.action.fault.attributes = { latency: '5s' };
    expect(validateScenario(s)).toEqual([
      'steps[0].action.fault.attributes: must be an object of numbers, e.g. { "latency": 5000 }, got {"latency":"5s"}',
    ]);
  });

  it('rejects non-objects', () => {
    expect(validateScenario(null)).toEqual(['(scenario): must be an object made with defineScenario({...})']);
  });
});
