/**
 * What a container run may leave behind on this machine, looked up from outside the harness: its
 * containers (by the owner label our target puts on each), the podman service it started and
 * that service's socket, and the ports its fakes and replicas listened on.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OWNER_LABEL } from '../../harness/targets/container/index.js';

export interface Leftovers {
  readonly containers: readonly string[];
  readonly socketDir: string | null;
  readonly services: readonly string[];
}

/** Every container (running or not) that harness process `ownerPid` started: `name Up 3 seconds ago`. */
export function containersOf(ownerPid: number): string[] {
  const out = execFileSync(
    'podman',
    ['ps', '-a', '--filter', `label=${OWNER_LABEL}=${ownerPid}`, '--format', '{{.Names}} {{.State}}'],
    { encoding: 'utf8' },
  );
  return out.split('\n').filter((line) => line.trim() !== '');
}

/** Host ports mapped to the containers of `ownerPid` (their /health and /metrics). */
export function mappedPortsOf(ownerPid: number): number[] {
  const out = execFileSync('podman', ['ps', '--filter', `label=${OWNER_LABEL}=${ownerPid}`, '--format', '{{.Ports}}'], {
    encoding: 'utf8',
  });
  // podman 4.3 prints `127.0.0.1:40057->8080/tcp, 127.0.0.1:44021->9090/tcp` per container.
  return [...out.matchAll(/:(\d+)->/g)].map((m) => Number(m[1]));
}

/** Processes whose command line names the podman socket of harness process `ownerPid`. */
function servicesOf(ownerPid: number): string[] {
  const needle = `s3-sentinel-chaos-podman-${ownerPid}`;
  return readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      return cmdline.includes(needle) ? [`${entry}: ${cmdline.trim()}`] : [];
    } catch {
      return [];
    }
  });
}

export function leftoversOf(ownerPid: number): Leftovers {
  const socketDir = join(tmpdir(), `s3-sentinel-chaos-podman-${ownerPid}`);
  return {
    containers: containersOf(ownerPid),
    socketDir: existsSync(socketDir) ? socketDir : null,
    services: servicesOf(ownerPid),
  };
}
