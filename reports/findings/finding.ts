/**
 * A finding: one thing a release engineer must know, with its impact, one line of evidence and the
 * scenarios behind it. The report and the console open with findings, ranked by impact, so the
 * first screen says what matters before the promise table says everything.
 */
export const FINDING_IMPACTS = [
  'records lost or altered',
  'promise broken',
  'holds only with harness help',
  'not exercised',
] as const;
export type FindingImpact = (typeof FINDING_IMPACTS)[number];

export interface Finding {
  readonly impact: FindingImpact;
  /** One line: what is wrong. */
  readonly title: string;
  /** One line of evidence (a log line, a verdict's observed value). */
  readonly evidence: string;
  readonly scenarios: readonly string[];
  /** The failed expectations it explains, as `scenario: expectation`. */
  readonly expectations: readonly string[];
  /** Promise ids it concerns. */
  readonly promises: readonly string[];
}

/** Lower is worse: lost/altered records, then broken promises, then help, then gaps. */
export function impactRank(impact: FindingImpact): number {
  return FINDING_IMPACTS.indexOf(impact);
}
