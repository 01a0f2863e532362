/**
 * The real connector binds 0.0.0.0:8080 and 0.0.0.0:9090, hard-coded (connector-contract.md
 * §2.2): two instances cannot share a machine. So (1) every run of the python target holds a
 * machine-wide lock from prepare to dispose, and (2) the ports are probed before each `run`
 * launch, so a clash is a clear error instead of the connector's `OSError: [Errno 98]`.
 */
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InfrastructureError } from '../../errors.js';
import { acquireFileLock, type FileLock } from '../shared/file-lock.js';

export const CONNECTOR_HEALTH_PORT = 8080;
export const CONNECTOR_METRICS_PORT = 9090;
export const CONNECTOR_FIXED_PORTS: readonly number[] = [CONNECTOR_HEALTH_PORT, CONNECTOR_METRICS_PORT];
/** The connector listens on every interface; a clash on either address stops it. */
const PROBE_HOSTS = ['0.0.0.0', '127.0.0.1'] as const;
/** Default wall ms a run waits for another run of the python target to finish. */
export const DEFAULT_FIXED_PORT_LOCK_TIMEOUT_MS = 30 * 60_000;

export interface PortClash {
  readonly port: number;
  readonly host: string;
  readonly code: string;
}

function probe(port: number, host: string): Promise<PortClash | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve({ port, host, code: error.code ?? 'error' }));
    // exclusive: a clash with a listener in this very process must show too (no handle sharing).
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(null)));
  });
}

/** Ports (and addresses) that cannot be bound right now. */
export async function findPortClashes(ports: readonly number[] = CONNECTOR_FIXED_PORTS): Promise<PortClash[]> {
  const clashes: PortClash[] = [];
  for (const port of ports) {
    for (const host of PROBE_HOSTS) {
      const clash = await probe(port, host);
      if (clash) {
        clashes.push(clash);
        break;
      }
    }
  }
  return clashes;
}

/**
 * @example await assertFixedPortsFree(); // throws InfrastructureError naming the port
 */
export async function assertFixedPortsFree(ports: readonly number[] = CONNECTOR_FIXED_PORTS): Promise<void> {
  const clashes = await findPortClashes(ports);
  if (clashes.length === 0) return;
  const named = clashes.map((c) => `${c.port} (${c.code} on ${c.host})`).join(' and ');
  const first = clashes[0].port;
  throw new InfrastructureError(
    `Failed to launch the python target: port ${named} is not free. ` +
      `The connector binds 0.0.0.0:${CONNECTOR_HEALTH_PORT} and 0.0.0.0:${CONNECTOR_METRICS_PORT} ` +
      '(hard-coded, no flag changes them). ' +
      `Stop whatever listens there (find it with: ss -ltnp 'sport = :${first}') and retry.`,
  );
}

/** Machine-wide, so runs from two checkouts of this project serialise too. */
export function fixedPortLockPath(): string {
  return join(tmpdir(), `s3-sentinel-chaos-python-target-${CONNECTOR_FIXED_PORTS.join('-')}.lock`);
}

/**
 * @example const lock = await lockFixedPorts({ onWait: (pid) => console.log(`waiting for ${pid}`) });
 */
export function lockFixedPorts(
  options: { readonly timeoutMs?: number; readonly onWait?: (pid: number) => void; readonly signal?: AbortSignal } = {},
): Promise<FileLock> {
  return acquireFileLock(fixedPortLockPath(), {
    purpose: `the connector's fixed ports ${CONNECTOR_FIXED_PORTS.join('/')} (another python-target run is using them)`,
    timeoutMs: options.timeoutMs ?? DEFAULT_FIXED_PORT_LOCK_TIMEOUT_MS,
    ...(options.onWait ? { onWait: options.onWait } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
