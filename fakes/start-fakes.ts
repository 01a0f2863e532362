/**
 * All registered fakes on loopback, one fault engine and one journal shared by them, and a control
 * API whose routes are the core ones plus each service's own.
 *
 *   startFakes() ─▶ per-run CA + cert ─▶ for each service in FAKE_SERVICES (services.ts):
 *                                          create(deps) ─▶ one listener per declared endpoint
 *                                      ─▶ control API (core routes + every service's routes)
 *                                      ─▶ StartedFakes (endpoints, env, faults, … + service facades)
 *
 * @example
 *   await using fakes = await startFakes({ seed: 7 });
 *   fakes.s3.createBucket('logs');
 *   fakes.faults.add({ target: { service: 'sentinel', operation: 'Upload' },
 *                      effect: { kind: 'http_error', status: 429, retryAfterSeconds: 1 },
 *                      schedule: { kind: 'first', count: 2 } });
 *   spawn('python', ['-m', 'connector'], { env: { ...process.env, ...fakes.env } });
 */
import { SystemClock } from './core/clock.js';
import { type ControlRoute, startControlApi } from './core/control-api.js';
import { startFakeServer } from './core/fake-server.js';
import { FaultEngine } from './core/fault-engine.js';
import { Journal } from './core/journal.js';
import type { ServiceDefinition } from './core/service-definition.js';
import { createRunCertificates } from './core/tls.js';
import { buildFakesEnv, type ListenerEnv } from './fakes-env.js';
import { FAKE_SERVICES, type FakeServicesFacade } from './services.js';
import type { FakesEndpoints, StartedFakes, StartFakesOptions } from './started-fakes.js';
import { createStopList } from './stop-list.js';

export async function startFakes(options: StartFakesOptions = {}): Promise<StartedFakes> {
  const clock = options.clock ?? new SystemClock();
  const seed = options.seed ?? 1;
  const timeScale = options.timeScale ?? 1;
  const engine = new FaultEngine({ clock, seed, timeScale });
  const journal = new Journal(options.journalCapacity === undefined ? {} : { capacity: options.journalCapacity });
  const stopList = createStopList('Failed to stop the fakes cleanly.');
  const ports: Partial<Record<string, number>> = options.ports ?? {};

  try {
    const certs = await createRunCertificates(options.tlsAltNames ? { altNames: options.tlsAltNames } : {});
    stopList.add(() => certs.dispose());
    const tls = { cert: certs.certPem, key: certs.keyPem };
    const endpoints: Record<string, string> = {};
    const definitions: ServiceDefinition[] = [];
    const routes: ControlRoute[] = [];
    const envs: ListenerEnv[] = [];
    let facade: Partial<FakeServicesFacade> = {};
    for (const service of FAKE_SERVICES) {
      const instance = service.create({ clock, options, endpoints: { ...endpoints } });
      const { definition } = instance;
      if (definition.service !== service.name)
        throw new Error(
          `Failed to start fake "${service.name}": its definition serves "${definition.service}". Make them match.`,
        );
      for (const [endpoint, listener] of Object.entries(instance.listeners)) {
        const port = ports[endpoint];
        const server = await startFakeServer({
          definition,
          engine,
          journal,
          clock,
          ...(listener.tls && { tls }),
          ...(port !== undefined && { port }),
          ...(options.maxBodyBytes !== undefined && { maxBodyBytes: options.maxBodyBytes }),
        });
        stopList.add(() => server.stop());
        const url = server.url + (listener.path ?? '');
        endpoints[endpoint] = url;
        if (listener.env) envs.push({ endpoint, env: listener.env({ url, caCertPath: certs.caCertPath }) });
      }
      definitions.push(definition);
      routes.push(...(instance.controlRoutes ?? []));
      facade = { ...facade, ...instance.facade };
    }

    const reset = (): void => {
      engine.clear();
      for (const definition of definitions) definition.resetState?.();
    };
    const control = await startControlApi(
      { engine, journal, reset, routes },
      ports.control === undefined ? {} : { port: ports.control },
    );
    stopList.add(() => control.stop());
    endpoints.control = control.url;

    const stop = (): Promise<void> => stopList.stopAll();
    return {
      // @note Both casts hold by construction: `facade` merges every registered service's facade and
      // `endpoints` has a URL for every listener each of them declared, plus `control`.
      ...(facade as FakeServicesFacade),
      endpoints: endpoints as FakesEndpoints,
      env: buildFakesEnv(certs.caCertPath, envs),
      caCertPath: certs.caCertPath,
      caCertPem: certs.caCertPem,
      seed,
      timeScale,
      engine,
      journal,
      faults: {
        add: (spec) => engine.add(spec),
        remove: (id) => engine.remove(id),
        list: () => engine.list(),
        get: (id) => engine.get(id),
        clear: () => engine.clear(),
        unmatched: () => engine.unmatchedRules(),
        removed: () => engine.removedRules(),
      },
      reset,
      stop,
      [Symbol.asyncDispose]: stop,
    };
  } catch (error) {
    await stopList.stopAll().catch(() => undefined);
    throw error;
  }
}
