/**
 * A digest in one call. `crypto.hash` (Node 20.12+) makes no Hash object, which showed in the
 * profiles of hot paths (PutObject's checksums, the ingest fingerprints); older 20.x falls back.
 *
 * @example digest('md5', body, 'hex') // the same as createHash('md5').update(body).digest('hex')
 */
import { type BinaryToTextEncoding, createHash, hash } from 'node:crypto';

export type DigestAlgorithm = 'md5' | 'sha1' | 'sha256';

export const digest: (algorithm: DigestAlgorithm, data: string | Buffer, encoding: BinaryToTextEncoding) => string =
  typeof hash === 'function'
    ? (algorithm, data, encoding) => hash(algorithm, data, encoding)
    : (algorithm, data, encoding) => createHash(algorithm).update(data).digest(encoding);
