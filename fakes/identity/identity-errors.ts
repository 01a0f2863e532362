/**
 * Error bodies of the identity endpoints, in the shape each real endpoint uses, so that MSAL and
 * azure-identity parse them the way they parse the real thing.
 *
 *   App Service MI   {"statusCode":400,"message":"…","correlationId":"…"}
 *   IMDS, authority  {"error":"invalid_request","error_description":"…", …}   (OAuth2 / AAD)
 */
import type { FakeResponse } from '../core/types.js';
import type { IdentityRoute } from './identity-routes.js';

const AAD_CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'invalid_request',
  401: 'invalid_client',
  403: 'unauthorized_client',
  404: 'not_found',
  405: 'invalid_request',
  408: 'temporarily_unavailable',
  409: 'invalid_request',
  413: 'invalid_request',
  429: 'temporarily_unavailable',
};

/** Default error code for a status: OAuth2 names; every 5xx is `temporarily_unavailable`. */
export function identityErrorCode(status: number): string {
  return AAD_CODE_BY_STATUS[status] ?? (status >= 500 ? 'temporarily_unavailable' : 'invalid_request');
}

export function identityErrorResponse(
  route: IdentityRoute,
  status: number,
  code: string,
  message: string,
  request: { readonly requestId: string; readonly startedAtMs: number },
): FakeResponse {
  const { requestId } = request;
  const headers = { 'content-type': 'application/json; charset=utf-8', 'x-ms-request-id': requestId };
  if (route.kind === 'app_service') {
    return {
      status,
      headers,
      body: JSON.stringify({ statusCode: status, message: `${code}: ${message}`, correlationId: requestId }),
    };
  }
  const body = {
    error: code,
    error_description: message,
    error_codes: [] as number[],
    timestamp: new Date(request.startedAtMs)
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, 'Z'),
    trace_id: requestId,
    correlation_id: requestId,
  };
  return { status, headers, body: JSON.stringify(body) };
}
