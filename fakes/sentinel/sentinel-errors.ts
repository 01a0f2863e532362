/**
 * The Logs Ingestion error envelope, `{"error":{"code","message"}}`, and default codes per status.
 */
import type { FakeResponse } from '../core/types.js';

const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'InvalidRequest',
  401: 'InvalidToken',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  408: 'RequestTimeout',
  409: 'Conflict',
  413: 'ContentLengthLimitExceeded',
  415: 'UnsupportedMediaType',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

export function sentinelErrorCode(status: number): string {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'InternalServerError' : 'InvalidRequest');
}

export function sentinelErrorResponse(status: number, code: string, message: string, requestId: string): FakeResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-ms-request-id': requestId },
    body: JSON.stringify({ error: { code, message } }),
  };
}
