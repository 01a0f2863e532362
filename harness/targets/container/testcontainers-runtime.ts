/**
 * testcontainers, pointed at the run's podman service. testcontainers reads its configuration from
 * the environment once per process, so it is set before the library is first loaded:
 *
 *   DOCKER_HOST                  the podman socket (podman-service.ts; one path per process)
 *   TESTCONTAINERS_RYUK_DISABLED  no reaper container: the run's own session stops what it started
 *   TESTCONTAINERS_HOST_OVERRIDE  127.0.0.1: this machine looks like a container (/.dockerenv), and
 *                                 testcontainers would otherwise reach mapped ports via a gateway
 */
import type * as Testcontainers from 'testcontainers';

export type TestcontainersModule = typeof Testcontainers;

export async function loadTestcontainers(dockerHost: string): Promise<TestcontainersModule> {
  process.env.DOCKER_HOST = dockerHost;
  process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
  process.env.TESTCONTAINERS_HOST_OVERRIDE = '127.0.0.1';
  return import('testcontainers');
}
