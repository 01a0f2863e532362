/**
 * The environment a connector container gets, built from nothing as the python target's is:
 * the fakes' block with every loopback address rewritten to the one a container reaches this
 * machine's loopback by (slirp4netns' 10.0.2.2), the per-run CA at its mounted path, and no more.
 * The image keeps its own PATH, HOME and Python settings: those are part of what ships.
 */

/** slirp4netns with allow_host_loopback=true: this address inside the namespace is the host's 127.0.0.1. */
export const HOST_LOOPBACK_FROM_CONTAINER = '10.0.2.2';
/** Where the per-run CA is mounted in every container. */
export const CONTAINER_CA_PATH = '/etc/s3-sentinel-chaos/ca.pem';

/** `https://127.0.0.1:4431/x` → `https://10.0.2.2:4431/x`; other text unchanged. */
export function toContainerAddress(value: string): string {
  return value.replace(/(^|[/@])(127\.0\.0\.1|localhost)(?=[:/]|$)/g, `$1${HOST_LOOPBACK_FROM_CONTAINER}`);
}

/**
 * @example buildContainerEnv({ fakesEnv: fakes.env, caCertPath: fakes.caCertPath })
 */
export function buildContainerEnv(input: {
  readonly fakesEnv: Readonly<Record<string, string>>;
  /** The host path of the per-run CA; every variable naming it names the mounted copy instead. */
  readonly caCertPath: string;
  readonly extra?: Readonly<Record<string, string>>;
  readonly parentEnv?: NodeJS.ProcessEnv;
}): Record<string, string> {
  const env: Record<string, string> = {
    // botocore reads these when present; the image has none, and neither should it find any.
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
  };
  // Log timestamps are local time; the harness parses them in its own zone.
  const tz = (input.parentEnv ?? process.env).TZ;
  if (tz) env.TZ = tz;
  for (const [name, value] of Object.entries(input.fakesEnv))
    env[name] = value === input.caCertPath ? CONTAINER_CA_PATH : toContainerAddress(value);
  return { ...env, ...(input.extra ?? {}) };
}

/** The CA path the fakes' env names (REQUESTS_CA_BUNDLE), which the container gets mounted. */
export function caPathOf(fakesEnv: Readonly<Record<string, string>>): string | null {
  return fakesEnv.REQUESTS_CA_BUNDLE ?? fakesEnv.SSL_CERT_FILE ?? null;
}
