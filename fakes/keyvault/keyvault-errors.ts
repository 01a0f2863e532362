/**
 * Key Vault's error envelope, `{"error":{"code","message"}}`, and default codes per status.
 * Every 401 carries the authentication challenge, as the real service's do, so an injected 401
 * makes the SDKs re-authenticate once before surfacing the error (wire-contracts §3.2).
 */
import type { FakeResponse } from '../core/types.js';

const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'BadParameter',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  408: 'RequestTimeout',
  409: 'Conflict',
  413: 'RequestTooLarge',
  429: 'Throttled',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

export function keyVaultErrorCode(status: number): string {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'InternalServerError' : 'BadParameter');
}

export function keyVaultErrorResponse(
  status: number,
  code: string,
  message: string,
  requestId: string,
  challenge?: string,
): FakeResponse {
  return {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-ms-request-id': requestId,
      ...(status === 401 && challenge ? { 'www-authenticate': challenge } : {}),
    },
    body: JSON.stringify({ error: { code, message } }),
  };
}
