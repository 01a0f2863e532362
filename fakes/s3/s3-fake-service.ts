/**
 * The S3 fake as a registered service: one listener (`endpoints.s3`, http or https), the seeding
 * control route, the AWS environment block, and `StartedFakes.s3` (its store).
 */
import { defineFakeService, type FakeServiceDeps } from '../core/fake-service.js';
import { S3_OPERATIONS } from './classify-s3.js';
import type { S3Credentials } from './s3-auth.js';
import { createS3ControlRoutes } from './s3-control-routes.js';
import { createS3Service } from './s3-service.js';
import type { S3Store } from './s3-store.js';

export interface S3FakeOptions {
  /** Strict S3 mode: only these keys are accepted and SigV4 signatures are verified. */
  readonly strictS3Auth?: readonly S3Credentials[];
  /** Serve S3 over https with the run's certificate. Default false (plain http). */
  readonly s3Tls?: boolean;
}

export interface S3Facade {
  /** Buckets and objects of the S3 fake. */
  readonly s3: S3Store;
}

/** Keys put in the env block when `strictS3Auth` names none; the fake accepts any in lax mode. */
export const DEFAULT_AWS_CREDENTIALS: S3Credentials = {
  accessKeyId: 'AKIACHAOSFAKE0000000',
  secretAccessKey: 'chaos-fake-secret-access-key',
};

export const s3Fake = defineFakeService({
  name: 's3',
  operations: S3_OPERATIONS,
  create({ clock, options }: FakeServiceDeps<S3FakeOptions>) {
    const definition = createS3Service({ clock, ...(options.strictS3Auth && { strictAuth: options.strictS3Auth }) });
    const { store } = definition;
    const credentials = options.strictS3Auth?.[0] ?? DEFAULT_AWS_CREDENTIALS;
    const facade: S3Facade = { s3: store };
    return {
      definition,
      listeners: {
        s3: {
          tls: options.s3Tls === true,
          env: ({ url, caCertPath }) => ({
            AWS_ENDPOINT_URL_S3: url,
            AWS_ENDPOINT_URL: url,
            AWS_ACCESS_KEY_ID: credentials.accessKeyId,
            AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
            AWS_DEFAULT_REGION: 'us-east-1',
            AWS_REGION: 'us-east-1',
            AWS_EC2_METADATA_DISABLED: 'true',
            AWS_CA_BUNDLE: caCertPath,
          }),
        },
      },
      controlRoutes: createS3ControlRoutes({
        seedObject(bucket, key, body) {
          if (!store.hasBucket(bucket)) store.createBucket(bucket);
          store.putObject(bucket, key, body);
        },
      }),
      facade,
    };
  },
});
