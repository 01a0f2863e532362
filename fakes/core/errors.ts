/**
 * Errors of the fakes' control plane. Each carries the HTTP status the control API answers with,
 * and is written as `{ "error": "...", "status": N }` (toxiproxy's ApiError pattern).
 */

export class ChaosApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ChaosApiError';
  }

  /** A copy with more detail, same status: `withDetail(ERR_INVALID_RULE, problems.join('; '))`. */
  withDetail(detail: string): ChaosApiError {
    return new ChaosApiError(`${this.message}: ${detail}`, this.status);
  }

  toJSON(): { error: string; status: number } {
    return { error: this.message, status: this.status };
  }
}

export const ERR_INVALID_FAULT_RULE = new ChaosApiError('Failed to add the fault rule: invalid rule', 400);
export const ERR_BAD_REQUEST_BODY = new ChaosApiError('Failed to read the request body: expected JSON', 400);
export const ERR_BAD_QUERY = new ChaosApiError('Failed to read the query', 400);
export const ERR_FAULT_RULE_EXISTS = new ChaosApiError(
  'Failed to add the fault rule: a rule with this id already exists. Remove it first or pick another id',
  409,
);
export const ERR_FAULT_RULE_NOT_FOUND = new ChaosApiError(
  'Failed to find the fault rule: no rule with this id. List rules with GET /__chaos/faults',
  404,
);
export const ERR_ROUTE_NOT_FOUND = new ChaosApiError(
  'Failed to route the request: unknown control API path. See docs/fakes.md',
  404,
);
export const ERR_METHOD_NOT_ALLOWED = new ChaosApiError(
  'Failed to route the request: method not allowed on this path',
  405,
);
export const ERR_INTERNAL = new ChaosApiError('Failed to handle the control request: internal error', 500);

/** Thrown by `FaultEngine.add` when a rule is invalid; `problems` lists every one with its path. */
export class InvalidFaultRuleError extends ChaosApiError {
  constructor(readonly problems: readonly string[]) {
    super(`${ERR_INVALID_FAULT_RULE.message}: ${problems.join('; ')}. See fakes/core/FAULTS.md`, 400);
    this.name = 'InvalidFaultRuleError';
  }
}

/** Thrown by `FaultEngine.add` when the id is already in use. */
export class DuplicateFaultRuleError extends ChaosApiError {
  constructor(readonly id: string) {
    super(`${ERR_FAULT_RULE_EXISTS.message} (id "${id}")`, 409);
    this.name = 'DuplicateFaultRuleError';
  }
}
