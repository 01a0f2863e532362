/**
 * Endpoint bookkeeping: which fake each service's proxy forwards to, and the URLs a target must
 * use instead (same scheme and path, the proxy's port). TLS is untouched: Toxiproxy relays
 * bytes, and the fakes' certificates cover 127.0.0.1 on any port.
 */
import type { NetworkService } from './network-fault-spec.js';

/** The fakes' endpoints a proxy can stand in front of (a superset such as `fakes.endpoints` is fine). */
export interface NetworkEndpoints {
  readonly s3: string;
  readonly keyVault: string;
  readonly sentinel: string;
  /** Full managed-identity URL, path included (`http://127.0.0.1:p/msi/token`). */
  readonly identity: string;
}

export const ENDPOINT_KEY: Readonly<Record<NetworkService, keyof NetworkEndpoints>> = {
  s3: 's3',
  keyvault: 'keyVault',
  sentinel: 'sentinel',
  identity: 'identity',
};

/** Environment variables of the fakes' block (docs/CONTRACTS.md §1) that name each service. */
export const ENV_VARS_BY_SERVICE: Readonly<Record<NetworkService, readonly string[]>> = {
  s3: ['AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL'],
  keyvault: ['KEY_VAULT_URL'],
  sentinel: ['SENTINEL_DCR_ENDPOINT'],
  identity: ['IDENTITY_ENDPOINT'],
};

/** `host:port` of an endpoint URL, with the scheme's default port filled in. */
export function upstreamAddress(endpoint: string): string {
  const url = new URL(endpoint);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname}:${port}`;
}

/** `endpoint` with its host and port replaced by `listen` (`127.0.0.1:p`), path kept as written. */
export function withHost(endpoint: string, listen: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*(.*)$/i.exec(endpoint);
  if (!match)
    throw new Error(`Failed to rewrite endpoint "${endpoint}": not an absolute URL. Pass the fakes' endpoints.`);
  return `${match[1]}${listen}${match[2]}`;
}

/** `endpoints` with every proxied service's URL pointing at its proxy; other keys unchanged. */
export function proxyEndpoints<E extends NetworkEndpoints>(
  endpoints: E,
  listenByService: ReadonlyMap<NetworkService, string>,
): E {
  const proxied = { ...endpoints } as unknown as Record<string, string>;
  for (const [service, listen] of listenByService) {
    const key = ENDPOINT_KEY[service];
    proxied[key] = withHost(endpoints[key], listen);
  }
  return proxied as unknown as E;
}

/** The fakes' environment block with each proxied service's variables pointing at its proxy. */
export function proxyEnv(
  fakesEnv: Readonly<Record<string, string>>,
  listenByService: ReadonlyMap<NetworkService, string>,
): Record<string, string> {
  const env: Record<string, string> = { ...fakesEnv };
  for (const [service, listen] of listenByService) {
    for (const name of ENV_VARS_BY_SERVICE[service]) {
      const value = env[name];
      if (value !== undefined && value !== '') env[name] = withHost(value, listen);
    }
  }
  return env;
}
