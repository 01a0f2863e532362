import { describe, expect, it } from 'vitest';
import { ReportInputError } from '../../reports/report-error.js';
import { validateResultFile } from '../../reports/results/validate-result-file.js';
import { loadFixture } from './helpers/fixtures.js';

describe('validateResultFile', () => {
  it('accepts every verdict the engine writes, not_applicable included', () => {
    for (const verdict of ['passed', 'failed', 'error', 'not_applicable'] as const) {
      const file = { ...loadFixture('rate-limit'), verdict };
      expect(validateResultFile(JSON.parse(JSON.stringify(file)), `${verdict}.json`).verdict).toBe(verdict);
    }
  });

  it('refuses an unknown verdict, naming the field and the file', () => {
    const file = { ...loadFixture('rate-limit'), verdict: 'green' };
    expect(() => validateResultFile(file, 'x.json')).toThrow(ReportInputError);
    expect(() => validateResultFile(file, 'x.json')).toThrow(/x\.json.*field "verdict" is "green"/);
  });
});
