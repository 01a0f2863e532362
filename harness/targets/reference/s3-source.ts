/**
 * Lists and reads log objects with @aws-sdk/client-s3. The endpoint, keys and region come from the
 * environment block (AWS_ENDPOINT_URL_S3, AWS_ACCESS_KEY_ID, …); on 127.0.0.1 the SDK uses path
 * style. Every call is bounded by a timeout on the target clock, because the JS SDK has none by
 * default and a hung fake would otherwise stall the cycle forever (wire-contracts.md §6.1).
 */

import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { Clock } from '../../../fakes/core/clock.js';

export interface S3ObjectInfo {
  readonly key: string;
  readonly etag: string;
  readonly size: number;
}

/** Target ms one S3 request may take before it is aborted (the real connector's read_timeout). */
export const S3_CALL_TIMEOUT_MS = 30_000;

/** Why an object is not processed, or null if it is (the real connector's rules, §4.5). */
export function ineligibilityReason(object: S3ObjectInfo): string | null {
  if (!/\.(log|json|gz|csv)$/i.test(object.key)) return 'not a .log, .json, .gz or .csv object';
  if (/temp|partial|incomplete/i.test(object.key)) return 'temporary or partial object';
  if (object.size <= 0) return 'empty object';
  return null;
}

/** What a cycle needs of S3 (S3Source, or a stand-in in unit tests). */
export interface ObjectSource {
  list(bucket: string, prefix: string, signal?: AbortSignal): Promise<S3ObjectInfo[]>;
  read(bucket: string, key: string, signal?: AbortSignal): Promise<Uint8Array>;
}

export class S3Source implements ObjectSource {
  private readonly client: S3Client;
  private readonly endpoint: string;
  private readonly firstPageOnly: boolean;

  constructor(
    env: Readonly<Record<string, string | undefined>>,
    private readonly clock: Clock,
    options: {
      readonly maxAttempts?: number;
      /** Test knob (first_list_page_only): stop after the first list page, as a connector that ignores paging. */
      readonly firstPageOnly?: boolean;
    } = {},
  ) {
    this.endpoint = env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL ?? '(SDK default)';
    this.firstPageOnly = options.firstPageOnly === true;
    this.client = new S3Client({
      endpoint: env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL,
      region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
      forcePathStyle: true,
      ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    });
  }

  private async withTimeout<T>(
    what: string,
    run: (signal: AbortSignal) => Promise<T>,
    outer?: AbortSignal,
  ): Promise<T> {
    const controller = new AbortController();
    const timer = this.clock.setTimeout(
      () => controller.abort(new Error(`${what} timed out after ${S3_CALL_TIMEOUT_MS / 1_000}s`)),
      S3_CALL_TIMEOUT_MS,
    );
    const onOuter = (): void => controller.abort(outer?.reason);
    outer?.addEventListener('abort', onOuter, { once: true });
    try {
      return await run(controller.signal);
    } catch (error) {
      if (controller.signal.aborted && controller.signal.reason instanceof Error) throw controller.signal.reason;
      throw error;
    } finally {
      timer.cancel();
      outer?.removeEventListener('abort', onOuter);
    }
  }

  /** Every object under the prefix (all pages), in listing order. Throws a message naming the endpoint. */
  async list(bucket: string, prefix: string, signal?: AbortSignal): Promise<S3ObjectInfo[]> {
    try {
      return await this.listPages(bucket, prefix, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new Error(
        `Failed to list ${bucket}/${prefix} at ${this.endpoint}: ${describeS3Error(error)}. ` +
          'Check AWS_ENDPOINT_URL_S3, the credentials and that the bucket exists.',
        { cause: error },
      );
    }
  }

  private async listPages(bucket: string, prefix: string, signal?: AbortSignal): Promise<S3ObjectInfo[]> {
    const objects: S3ObjectInfo[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await this.withTimeout(
        `ListObjectsV2 ${bucket}/${prefix}`,
        (abortSignal) =>
          this.client.send(
            new ListObjectsV2Command({
              Bucket: bucket,
              Prefix: prefix === '' ? undefined : prefix,
              ContinuationToken: continuationToken,
            }),
            { abortSignal },
          ),
        signal,
      );
      for (const item of page.Contents ?? []) {
        if (item.Key === undefined) continue;
        objects.push({ key: item.Key, etag: item.ETag ?? '', size: item.Size ?? 0 });
      }
      continuationToken = page.IsTruncated === true && !this.firstPageOnly ? page.NextContinuationToken : undefined;
    } while (continuationToken !== undefined);
    return objects;
  }

  /** The object's bytes, as stored (object-body.ts decodes them). */
  async read(bucket: string, key: string, signal?: AbortSignal): Promise<Uint8Array> {
    return this.withTimeout(
      `GetObject ${bucket}/${key}`,
      async (abortSignal) => {
        const response = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal });
        if (response.Body === undefined) throw new Error(`GetObject ${bucket}/${key} returned no body`);
        return response.Body.transformToByteArray();
      },
      signal,
    );
  }

  destroy(): void {
    this.client.destroy();
  }
}

/** The real connector's S3 error texts (connector-contract.md §2.1), for `S3 operation failed: …`. */
export function describeS3Error(error: unknown): string {
  const e = error as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number }; message?: string };
  const code = e.Code ?? e.name ?? '';
  const status = e.$metadata?.httpStatusCode;
  if (code === 'SlowDown' || code === '503' || status === 503)
    return 'S3 is throttling requests. Backing off and retrying.';
  if (code === 'AccessDenied' || status === 403) return 'Access denied to the requested S3 resource.';
  if (code === 'InternalError' || status === 500) return 'S3 internal error encountered.';
  if (code === 'NoSuchKey' || status === 404) return 'Requested object does not exist.';
  if (status !== undefined) return `S3 error ${code || status}`;
  return `S3 request failed: ${e.message ?? String(error)}`;
}
