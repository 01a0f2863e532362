/**
 * A check the engine runs in every scenario, whatever it declares (an impossible transition is
 * wrong in any run). Returns null when it does not apply to the run (e.g. nothing was seeded).
 */
import type { ExpectationVerdict } from '../define-expectation-kind.js';
import type { EvaluationContext } from '../evaluation-context.js';

export interface AlwaysOnCheck {
  readonly kind: string;
  readonly summary: string;
  /** The runbook promise it checks, if any. */
  readonly promise?: string;
  evaluate(ctx: EvaluationContext): ExpectationVerdict | null;
}

export function defineAlwaysOnCheck(check: AlwaysOnCheck): AlwaysOnCheck {
  return check;
}
