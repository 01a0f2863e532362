/**
 * The origin (`https://127.0.0.1:8443`) a client used to reach a fake, rebuilt from the request's
 * `Host` header and the socket's TLS state.
 *
 * @note Built from `Host`, not from the listener's address, so ids and metadata stay right when the
 * client reaches the fake through a TCP proxy (toxiproxy) on another port.
 */
import type { TLSSocket } from 'node:tls';
import type { FakeRequest } from '../core/types.js';

export interface RequestOrigin {
  /** `https` or `http`. */
  readonly scheme: string;
  /** Host header as sent, e.g. `127.0.0.1:8443` or `localhost`. */
  readonly host: string;
  /** Host name without port, brackets kept for IPv6 (`[::1]`). */
  readonly hostname: string;
  /** Port as sent, or undefined when the Host header has none. */
  readonly port?: number;
  /** `scheme://host`. */
  readonly origin: string;
}

const FALLBACK_HOST = '127.0.0.1';

/** @example getRequestOrigin(request).origin // 'https://127.0.0.1:8443' */
export function getRequestOrigin(request: Pick<FakeRequest, 'headers' | 'raw'>): RequestOrigin {
  const host = (request.headers.host ?? '').trim() || FALLBACK_HOST;
  const encrypted = (request.raw?.socket as TLSSocket | undefined)?.encrypted === true;
  const scheme = encrypted ? 'https' : 'http';
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(host);
  const hostname = match?.[1] ?? host;
  const port = match?.[2] === undefined ? undefined : Number(match[2]);
  return { scheme, host, hostname, ...(port === undefined ? {} : { port }), origin: `${scheme}://${host}` };
}
