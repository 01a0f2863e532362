/**
 * The S3 fake's control route:
 *
 *   PUT /__chaos/s3/:bucket/*key   seed an object from the raw body (bucket created if missing)
 */
import { type ControlRoute, defineControlRoute } from '../core/control-api.js';

export interface S3Seeder {
  seedObject(bucket: string, key: string, body: Buffer): void;
}

export function createS3ControlRoutes(seeder: S3Seeder): ControlRoute[] {
  return [
    defineControlRoute({
      method: 'PUT',
      pattern: '/__chaos/s3/:bucket/*key',
      usage: 'use PUT /__chaos/s3/<bucket>/<key>',
      async handle(request) {
        const { bucket, key } = request.params;
        const body = await request.body();
        seeder.seedObject(bucket, key, body);
        return { status: 200, json: { bucket, key, size: body.length } };
      },
    }),
  ];
}
