/**
 * The harness's error hierarchy. The CLI maps them onto exit codes: a `ChaosError` of any kind
 * is exit 2 (usage or infrastructure: something to fix before the run can say anything), while
 * failed expectations are not errors at all but a `failed` verdict (exit 1).
 *
 * Messages follow "Failed to X: reason. Fix hint." so the CLI can print them as they are.
 */

import type { Assistance } from './domain/assistance.js';

/** Base of every error the harness raises on purpose. */
export class ChaosError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ChaosError';
  }
}

/** Bad command line: unknown flag, bad value, unknown scenario or target. */
export class UsageError extends ChaosError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * A scenario that failed validation. `problems` lists every one, each prefixed with its path
 * (`steps[2].action.fault.effect.status: must be one of …`), so a user fixes them all at once.
 */
export class InvalidScenarioError extends ChaosError {
  constructor(
    readonly scenarioId: string,
    readonly problems: readonly string[],
  ) {
    super(
      `Failed to validate scenario "${scenarioId}": ${problems.length} problem(s):\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\nFix the scenario definition (see harness/scenario/types.ts).',
    );
    this.name = 'InvalidScenarioError';
  }
}

/** The fakes, the target or the machine let us down; the run says nothing about the target. */
export class InfrastructureError extends ChaosError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InfrastructureError';
  }
}

/**
 * The build under test failed before any scenario step could run: its own image did not build,
 * or it exited at start / never answered /health. Not the harness's failure: the run's verdict
 * is `failed`, with `evidence` (the build or start output) as the first thing the report shows.
 */
export class ProductFailureError extends ChaosError {
  readonly targetVersions: Readonly<Record<string, string>>;
  readonly assistance: readonly Assistance[];
  constructor(
    /** What failed, as an expectation name: `connector image builds from the checkout's Dockerfile`. */
    readonly what: string,
    message: string,
    readonly evidence: readonly string[],
    options?: ErrorOptions & {
      /** What the target knew of the build when it failed (image, base, commit), for the result file. */
      readonly targetVersions?: Readonly<Record<string, string>>;
      /** Help already given when it failed (a substituted base image), declared like a prepared target's. */
      readonly assistance?: readonly Assistance[];
    },
  ) {
    super(message, options);
    this.name = 'ProductFailureError';
    this.targetVersions = options?.targetVersions ?? {};
    this.assistance = options?.assistance ?? [];
  }
}

/**
 * The scenario asks for something this target cannot do without help it was not given (a breaker
 * configuration the product only takes in code, say). The run stops before it starts; its promises
 * count as not exercised, and the message says which help would exercise them.
 */
export class NotApplicableError extends ChaosError {
  constructor(message: string) {
    super(message);
    this.name = 'NotApplicableError';
  }
}

/** A readiness or condition wait ran past its limit. */
export class StartupTimeoutError extends InfrastructureError {
  constructor(
    message: string,
    readonly timeoutMs: number,
  ) {
    super(message);
    this.name = 'StartupTimeoutError';
  }
}

/** The run was aborted from outside (Ctrl-C, SIGTERM, or the caller's AbortSignal). */
export class InterruptedError extends ChaosError {
  constructor(reason = 'interrupted') {
    super(reason);
    this.name = 'InterruptedError';
  }
}

/** Formats any thrown value for a one-line message. */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError) {
    return [error.message, ...error.errors.map((e) => `  - ${describeError(e)}`)].join('\n');
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
