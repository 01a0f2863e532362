/**
 * Single byte ranges (`bytes=a-b`, `bytes=a-`, `bytes=-n`) for GetObject. Anything else (several
 * ranges, other units) is ignored and the whole object is served, as S3 does.
 */
import { S3Error } from './s3-errors.js';

export interface ByteRange {
  readonly start: number;
  /** Inclusive. */
  readonly end: number;
}

/**
 * @example parseRange('bytes=0-3', 10) // { start: 0, end: 3 }
 * @throws S3Error InvalidRange (416) when the range lies outside the object.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) throw unsatisfiable(size);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
    if (match[2] !== '' && Number(match[2]) < start) return undefined;
  }
  if (start >= size) throw unsatisfiable(size);
  return { start, end };
}

function unsatisfiable(size: number): S3Error {
  return new S3Error(416, 'InvalidRange', `The requested range is not satisfiable (object size ${size}).`);
}
