/**
 * The Key Vault fake's control route:
 *
 *   PUT /__chaos/keyvault/secrets/:name   seed a secret: raw text body, or JSON { "value": "…" }
 */
import type { IncomingHttpHeaders } from 'node:http';
import { type ControlRoute, defineControlRoute } from '../core/control-api.js';
import { ERR_BAD_REQUEST_BODY } from '../core/errors.js';

export interface SecretSeeder {
  seedSecret(name: string, value: string): void;
}

export function createKeyVaultControlRoutes(seeder: SecretSeeder): ControlRoute[] {
  return [
    defineControlRoute({
      method: 'PUT',
      pattern: '/__chaos/keyvault/secrets/:name',
      usage: 'use PUT /__chaos/keyvault/secrets/<name>',
      async handle(request) {
        const { name } = request.params;
        seeder.seedSecret(name, secretValueOf(request.headers, await request.body()));
        return { status: 200, json: { name } };
      },
    }),
  ];
}

function secretValueOf(headers: IncomingHttpHeaders, body: Buffer): string {
  if (!String(headers['content-type'] ?? '').includes('json')) return body.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw ERR_BAD_REQUEST_BODY.withDetail('expected {"value": "..."}');
  }
  if (typeof parsed === 'object' && parsed !== null && 'value' in parsed && typeof parsed.value === 'string')
    return parsed.value;
  throw ERR_BAD_REQUEST_BODY.withDetail('expected {"value": "..."}');
}
