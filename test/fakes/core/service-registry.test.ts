/**
 * The service registry: every service name has a module, SERVICE_OPERATIONS lists what each
 * classifier can name, and startFakes serves each service's control routes.
 */
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../fakes/core/clock.js';
import { SERVICE_NAMES } from '../../../fakes/core/types.js';
import { FAKE_SERVICES, SERVICE_OPERATIONS, startFakes } from '../../../fakes/index.js';
import { rawRequest } from './helpers/raw-request.js';

describe('service registry', () => {
  it('registers exactly one module per service name, in a start order where dependencies come first', () => {
    expect(FAKE_SERVICES.map((service) => service.name).sort()).toEqual([...SERVICE_NAMES].sort());
    const names = FAKE_SERVICES.map((service) => service.name);
    expect(names.indexOf('identity')).toBeLessThan(names.indexOf('keyvault')); // the challenge names the authority
  });

  it('lists the operations each classifier can name, Unknown included', () => {
    expect(Object.keys(SERVICE_OPERATIONS).sort()).toEqual([...SERVICE_NAMES].sort());
    expect(SERVICE_OPERATIONS.s3).toEqual(
      expect.arrayContaining(['ListObjectsV2', 'GetObject', 'PutObject', 'Unknown']),
    );
    expect(SERVICE_OPERATIONS.sentinel).toEqual(['Upload', 'Unknown']);
    expect(SERVICE_OPERATIONS.keyvault).toEqual(expect.arrayContaining(['GetSecret', 'SetSecret', 'Unknown']));
    expect(SERVICE_OPERATIONS.identity).toEqual(['GetToken', 'GetOpenIdConfiguration', 'Unknown']);
  });

  it('never classifies a request as an operation its module does not list', () => {
    const probes: Array<[string, string, string]> = [
      ['GET', '/', ''],
      ['GET', '/bkt', 'list-type=2'],
      ['PUT', '/bkt/k', ''],
      ['POST', '/bkt/k', 'uploads'],
      ['GET', '/secrets/a/', 'api-version=7.5'],
      ['PUT', '/secrets/a', ''],
      ['DELETE', '/deletedsecrets/a', ''],
      ['POST', '/dataCollectionRules/dcr/streams/Custom-A', ''],
      ['GET', '/msi/token', ''],
      ['GET', '/adfs/.well-known/openid-configuration', ''],
      ['PATCH', '/nowhere', ''],
    ];
    const clock = new ManualClock(0);
    const raw = new IncomingMessage(new Socket());
    for (const service of FAKE_SERVICES) {
      const { definition } = service.create({ clock, options: {}, endpoints: { authority: 'https://127.0.0.1:1' } });
      for (const [method, path, query] of probes) {
        const { operation } = definition.classify({
          requestId: 'r',
          service: service.name,
          method,
          path,
          query: new URLSearchParams(query),
          headers: {},
          raw,
          startedAtMs: 0,
        });
        expect(SERVICE_OPERATIONS[service.name]).toContain(operation);
      }
    }
  });

  it("serves each service's control routes, with the usage hint and 405 kept", async () => {
    await using fakes = await startFakes();
    const put = (path: string, body: string) =>
      rawRequest(`${fakes.endpoints.control}${path}`, { method: 'PUT', body });
    expect(await put('/__chaos/s3/logs/fw/1.log', 'line')).toMatchObject({ ok: true, status: 200 });
    expect(fakes.s3.listKeys('logs')).toEqual(['fw/1.log']);
    const incomplete = await put('/__chaos/s3/logs', 'x');
    expect(incomplete.ok && incomplete.status).toBe(404);
    if (incomplete.ok)
      expect(JSON.parse(incomplete.body.toString()).error).toContain('use PUT /__chaos/s3/<bucket>/<key>');
    expect(await put('/__chaos/keyvault/secrets/k', 'v')).toMatchObject({ ok: true, status: 200 });
    expect(fakes.keyVault.store.get('k')).toBe('v');
    const wrongMethod = await rawRequest(`${fakes.endpoints.control}/__chaos/ingest/count`, { method: 'DELETE' });
    expect(wrongMethod.ok && wrongMethod.status).toBe(405);
  });
});
