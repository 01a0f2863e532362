/**
 * The environment block a connector process needs (docs/CONTRACTS.md §1): the CA variables every
 * client stack reads, plus what each started listener declares (AWS_*, IDENTITY_*, KEY_VAULT_URL, …).
 */

/** One listener's contribution, named for the error message. */
export interface ListenerEnv {
  readonly endpoint: string;
  readonly env: Readonly<Record<string, string>>;
}

export function buildFakesEnv(caCertPath: string, listeners: readonly ListenerEnv[]): Record<string, string> {
  const env: Record<string, string> = {
    REQUESTS_CA_BUNDLE: caCertPath,
    SSL_CERT_FILE: caCertPath,
    NODE_EXTRA_CA_CERTS: caCertPath,
  };
  const owners = new Map<string, string>(Object.keys(env).map((name) => [name, 'the CA']));
  for (const { endpoint, env: declared } of listeners) {
    for (const [name, value] of Object.entries(declared)) {
      const owner = owners.get(name);
      if (owner !== undefined)
        throw new Error(
          `Failed to build the fakes' environment: ${name} is declared by both ${owner} and ${endpoint}. ` +
            'Keep it in one of them.',
        );
      owners.set(name, endpoint);
      env[name] = value;
    }
  }
  return env;
}
