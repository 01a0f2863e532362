/**
 * Errors raised by the gate and the report writers. The CLIs map `GateUsageError` and
 * `ReportInputError` to exit code 2 with the message only (no stack), because both mean
 * "fix the command or its input", not "the harness crashed".
 */
export class ReportError extends Error {
  override readonly name: string = 'ReportError';
}

/** A bad flag or flag value on `npm run gate` / `npm run report`. */
export class GateUsageError extends ReportError {
  override readonly name = 'GateUsageError';
}

/** A result directory or result file that cannot be used. */
export class ReportInputError extends ReportError {
  override readonly name = 'ReportInputError';
}
