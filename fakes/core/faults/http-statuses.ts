import type { HttpErrorStatus } from '../types.js';

/** Statuses a rule may inject, in the order error messages list them. */
export const HTTP_ERROR_STATUSES: readonly HttpErrorStatus[] = [
  429, 401, 403, 500, 502, 503, 504, 400, 404, 408, 409, 413,
];
