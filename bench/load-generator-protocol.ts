/**
 * Messages between the bench and its load-generator process (`load-generator.ts`), one JSON object
 * per line each way: a job on the generator's stdin, its `LoadStats` (or an error) on its stdout.
 */
import type { LoadOptions, LoadStats } from './measure-load.js';

export interface LoadJob extends LoadOptions {
  readonly host: string;
  readonly port: number;
  /** Raw HTTP/1.1 requests, base64; connections take them in turn, round robin. */
  readonly requests: readonly string[];
  /** Any other status counts as an error. */
  readonly expectStatus: number;
  /** When set, a response with another body length counts as an error. */
  readonly expectBodyBytes?: number;
}

export type LoadReply = { readonly stats: LoadStats } | { readonly error: string };
