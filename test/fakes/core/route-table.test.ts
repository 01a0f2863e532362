/** The control API's routing table, without sockets: matching, parameters, 404 and 405. */
import { describe, expect, it } from 'vitest';
import { createRouteTable } from '../../../fakes/core/control/route-table.js';
import { defineControlRoute } from '../../../fakes/core/control-api.js';
import { ChaosApiError } from '../../../fakes/core/errors.js';

const reply = { status: 200, json: null };
const table = createRouteTable([
  defineControlRoute({ method: 'GET', pattern: '/__chaos/things', handle: () => reply }),
  defineControlRoute({ method: 'DELETE', pattern: '/__chaos/things/:id', handle: () => reply }),
  defineControlRoute({
    method: 'PUT',
    pattern: '/__chaos/store/:bucket/*key',
    usage: 'use PUT /__chaos/store/<bucket>/<key>',
    handle: () => reply,
  }),
]);

function failure(method: string, path: string): { status: number; message: string } {
  try {
    table.match(method, path);
  } catch (error) {
    if (error instanceof ChaosApiError) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error(`expected ${method} ${path} to fail`);
}

describe('control route table', () => {
  it('matches literal, :param and *rest patterns, percent-decoding segments and ignoring empty ones', () => {
    expect(table.match('GET', '/__chaos/things/').route.pattern).toBe('/__chaos/things');
    expect(table.match('DELETE', '/__chaos/things/a%20b').params).toEqual({ id: 'a b' });
    expect(table.match('PUT', '/__chaos/store/logs/fw//a%2Fb.log').params).toEqual({
      bucket: 'logs',
      key: 'fw/a/b.log',
    });
  });

  it('answers 405 for a known path with another method, 404 for an unknown one', () => {
    expect(failure('POST', '/__chaos/things')).toMatchObject({ status: 405 });
    expect(failure('GET', '/__chaos/store/logs/key')).toMatchObject({ status: 405 });
    expect(failure('GET', '/__chaos/nowhere')).toEqual({
      status: 404,
      message: 'Failed to route the request: unknown control API path. See docs/fakes.md',
    });
    expect(failure('GET', '/elsewhere')).toMatchObject({ status: 404 });
  });

  it("adds a route's usage to the 404 of a path under its prefix", () => {
    expect(failure('PUT', '/__chaos/store/logs').message).toContain('use PUT /__chaos/store/<bucket>/<key>');
    expect(failure('PUT', '/__chaos/things/a/b').message).not.toContain('use PUT');
  });

  it('rejects bad percent-encoding with 400', () => {
    expect(failure('DELETE', '/__chaos/things/%E0%A4%A')).toMatchObject({ status: 400 });
  });

  it('refuses two routes for the same method and pattern, and a wildcard that is not last', () => {
    const route = defineControlRoute({ method: 'GET', pattern: '/__chaos/x', handle: () => reply });
    expect(() => createRouteTable([route, route])).toThrow('two routes for GET /__chaos/x');
    const bad = defineControlRoute({ method: 'GET', pattern: '/__chaos/*rest/tail', handle: () => reply });
    expect(() => createRouteTable([bad])).toThrow('must come last');
  });
});
