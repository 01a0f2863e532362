/**
 * Phase "start fakes": the fakes on loopback with this run's seed and scale, the bucket, the
 * seeded records and the secret, and Toxiproxy in front of the services the scenario names.
 */
import { startFakes } from '../../../fakes/index.js';
import { describeError, InfrastructureError } from '../../errors.js';
import { seedRecords } from '../../seed/seed-records.js';
import { seedShapeOf } from '../../seed/seed-spec.js';
import { RUN_BUCKET, RUN_PREFIX, RUN_SECRET_NAME, RUN_SECRET_VALUE } from '../run-constants.js';
import type { RunContext, WithFakes } from '../run-context.js';

export async function startFakesPhase(ctx: RunContext): Promise<WithFakes> {
  const { session, bus, options, scenario } = ctx;
  const tlsAltNames = ctx.target.fakesTlsAltNames;
  const fakes = await startFakes({
    seed: options.seed,
    timeScale: options.timeScale,
    ...(tlsAltNames ? { tlsAltNames } : {}),
  }).catch((error: unknown) => {
    throw new InfrastructureError(
      `Failed to start the fakes: ${describeError(error)}. ` +
        'Check that loopback ports can be bound and run npm run setup.',
      { cause: error },
    );
  });
  session.add('fakes', fakes, (f) => f.stop());
  bus.emit({ type: 'fakes:started', endpoints: { ...fakes.endpoints } });
  fakes.s3.createBucket(RUN_BUCKET);
  const seedTarget = {
    s3: fakes.s3,
    bucket: RUN_BUCKET,
    prefix: RUN_PREFIX,
    seed: options.seed,
    shape: seedShapeOf(scenario.seed),
  };
  const initial = seedRecords(seedTarget, 1, scenario.seed.records);
  fakes.keyVault.setSecret(RUN_SECRET_NAME, RUN_SECRET_VALUE);
  bus.emit({ type: 'run:started', scenario: scenario.id });
  bus.emit({ type: 'seed:put', records: initial.records, keys: initial.keys });

  const services = scenario.networkServices ?? [];
  if (services.length === 0)
    return { ...ctx, fakes, network: undefined, endpoints: fakes.endpoints, fakesEnv: fakes.env };
  // Loaded only when asked for: a run without network faults needs no Toxiproxy.
  const { startNetworkFaults } = await import('../../network/index.js');
  const network = await startNetworkFaults({
    services,
    endpoints: fakes.endpoints,
    timeScale: options.timeScale,
    seed: options.seed,
  });
  session.add('network faults', network, (n) => n.stop());
  return { ...ctx, fakes, network, endpoints: network.endpoints, fakesEnv: network.env(fakes.env) };
}
