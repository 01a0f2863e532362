/**
 * Turns an Upload body (gzip or plain JSON) into its array of records, or says why it cannot.
 *
 * @note The size limit (413) applies to the **uncompressed** JSON, at 1.1 MiB rather than the
 * documented 1 MB: the SDKs' own chunkers overshoot 1 MB (Python 1.1.x sends ~1,063,140 bytes,
 * JS 1.2 ~1,007,023; wire-contracts §2.2), and the real service accepts those chunks. Applying the
 * limit after decompression also catches a small gzip body that inflates past the limit, which a
 * compressed-size limit would let through; inflation stops at the limit, so a gzip bomb costs nothing.
 */
import { gunzipSync } from 'node:zlib';
import { scanCanonicalRecords } from './scan-canonical-records.js';

export const DEFAULT_MAX_UNCOMPRESSED_BYTES = 1_153_433; // 1.1 MiB

export type DecodedUpload =
  | {
      readonly ok: true;
      /** Parsed from `json` on first read when the body did not need parsing (see `canonical`). */
      readonly records: readonly unknown[];
      /** The (uncompressed) JSON text `records` was parsed from, for the store to retain instead of them. */
      readonly json: string;
      /**
       * Each record's `JSON.stringify`, when `json` was already in that form: cut from it without a
       * parse (scan-canonical-records.ts). Absent otherwise.
       */
      readonly canonical?: readonly string[];
      readonly uncompressedBytes: number;
    }
  | { readonly ok: false; readonly status: 400 | 413 | 415; readonly code: string; readonly message: string };

export function decodeUploadBody(
  body: Buffer,
  contentEncoding: string | undefined,
  maxUncompressedBytes: number,
): DecodedUpload {
  const encoding = (contentEncoding ?? 'identity').trim().toLowerCase();
  let json: Buffer;
  if (encoding === 'gzip') {
    try {
      json = gunzipSync(body, { maxOutputLength: maxUncompressedBytes + 1 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
        return tooLarge(maxUncompressedBytes);
      }
      return {
        ok: false,
        status: 400,
        code: 'InvalidContent',
        message: `The request body is not valid gzip: ${(error as Error).message}.`,
      };
    }
  } else if (encoding === 'identity' || encoding === '') {
    json = body;
  } else {
    return {
      ok: false,
      status: 415,
      code: 'UnsupportedMediaType',
      message: `Content-Encoding '${encoding}' is not supported; use gzip or none.`,
    };
  }
  if (json.length > maxUncompressedBytes) return tooLarge(maxUncompressedBytes);

  const text = json.toString('utf8');
  const canonical = scanCanonicalRecords(text);
  if (canonical) return parsedOnDemand(text, canonical, json.length);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      status: 400,
      code: 'InvalidContent',
      message: `The request body is not valid JSON: ${(error as Error).message}.`,
    };
  }
  if (!Array.isArray(parsed)) {
    return {
      ok: false,
      status: 400,
      code: 'InvalidContent',
      message: 'The request body must be a JSON array of records.',
    };
  }
  const notObject = parsed.findIndex((r) => typeof r !== 'object' || r === null || Array.isArray(r));
  if (notObject >= 0) {
    return { ok: false, status: 400, code: 'InvalidContent', message: `Record ${notObject} is not a JSON object.` };
  }
  return { ok: true, records: parsed, json: text, uncompressedBytes: json.length };
}

/** An upload whose records are parsed only if someone reads them (the scan proved `text` valid). */
function parsedOnDemand(text: string, canonical: readonly string[], uncompressedBytes: number): DecodedUpload {
  let records: readonly unknown[] | undefined;
  return {
    ok: true,
    get records() {
      records ??= JSON.parse(text) as unknown[];
      return records;
    },
    json: text,
    canonical,
    uncompressedBytes,
  };
}

function tooLarge(limit: number): DecodedUpload {
  return {
    ok: false,
    status: 413,
    code: 'ContentLengthLimitExceeded',
    message: `The uncompressed request body exceeds the limit of ${limit} bytes. Send smaller chunks.`,
  };
}
