/**
 * Incremental reader for HTTP/1.1 responses on one keep-alive socket, just enough for the load
 * generator: status line, `Content-Length`, `Transfer-Encoding: chunked`, a body that runs to the
 * close, and whether the server keeps the connection. It skips bodies without copying them; that
 * is what keeps the generator cheaper per request than `node:http`'s client.
 *
 * @example
 *   const reader = new HttpResponseReader();
 *   socket.on('data', (chunk) => { for (const r of reader.push(chunk)) console.log(r.status); });
 */
import { required } from './required.js';

export interface ReadResponse {
  readonly status: number;
  /** False when the server closes after this response (`Connection: close`, HTTP/1.0). */
  readonly keepAlive: boolean;
  /** Body bytes after de-chunking. */
  readonly bodyBytes: number;
}

type State =
  | { kind: 'head' }
  | { kind: 'body'; remaining: number }
  | { kind: 'chunk-size' }
  | { kind: 'chunk-data'; remaining: number }
  | { kind: 'chunk-trailer' }
  | { kind: 'until-close' };

const HEAD_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');
const MAX_HEAD_BYTES = 64 * 1_024;

export class HttpResponseReader {
  private pending: Buffer = Buffer.alloc(0);
  private state: State = { kind: 'head' };
  private current: { status: number; keepAlive: boolean } | undefined;
  private bodyBytes = 0;

  /** Feeds received bytes; returns the responses they complete, in order. */
  push(chunk: Buffer): ReadResponse[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const done: ReadResponse[] = [];
    for (;;) {
      const finished = this.step();
      if (finished === 'need-more') return done;
      if (finished) done.push(finished);
    }
  }

  /** The connection closed: completes a response whose body runs to the close. */
  end(): ReadResponse | undefined {
    const response = this.state.kind === 'until-close' ? this.finish() : undefined;
    this.reset();
    return response;
  }

  reset(): void {
    this.pending = Buffer.alloc(0);
    this.state = { kind: 'head' };
    this.current = undefined;
    this.bodyBytes = 0;
  }

  /** Advances one state; a finished response, `undefined` to go on, or `'need-more'`. */
  private step(): ReadResponse | undefined | 'need-more' {
    const state = this.state;
    switch (state.kind) {
      case 'head':
        return this.readHead();
      case 'body':
      case 'chunk-data': {
        const take = Math.min(state.remaining, this.pending.length);
        state.remaining -= take;
        this.bodyBytes += take;
        this.pending = this.pending.subarray(take);
        if (state.remaining > 0) return 'need-more';
        if (state.kind === 'body') return this.finish();
        // The CRLF after the chunk's data is read as an empty size line below.
        this.state = { kind: 'chunk-size' };
        return undefined;
      }
      case 'chunk-size': {
        const eol = this.pending.indexOf(CRLF);
        if (eol < 0) return 'need-more';
        const line = (this.pending.toString('latin1', 0, eol).split(';')[0] ?? '').trim();
        this.pending = this.pending.subarray(eol + 2);
        if (line === '') return undefined;
        const size = Number.parseInt(line, 16);
        if (!Number.isFinite(size)) throw new Error(`Failed to read a chunked response: bad chunk size "${line}".`);
        this.state = size === 0 ? { kind: 'chunk-trailer' } : { kind: 'chunk-data', remaining: size };
        return undefined;
      }
      case 'chunk-trailer': {
        const eol = this.pending.indexOf(CRLF);
        if (eol < 0) return 'need-more';
        this.pending = this.pending.subarray(eol + 2);
        return eol === 0 ? this.finish() : undefined;
      }
      case 'until-close':
        this.bodyBytes += this.pending.length;
        this.pending = Buffer.alloc(0);
        return 'need-more';
    }
  }

  private readHead(): ReadResponse | undefined | 'need-more' {
    const end = this.pending.indexOf(HEAD_END);
    if (end < 0) {
      if (this.pending.length > MAX_HEAD_BYTES)
        throw new Error(`Failed to read a response: no end of headers in ${MAX_HEAD_BYTES} bytes.`);
      return 'need-more';
    }
    const head = this.pending.toString('latin1', 0, end);
    this.pending = this.pending.subarray(end + 4);
    const status = Number(head.slice(9, 12));
    if (!head.startsWith('HTTP/1.') || !Number.isInteger(status))
      throw new Error(`Failed to read a response: bad status line "${head.slice(0, 40)}".`);
    const connection = /\r\nconnection:[ \t]*([^\r]*)/i.exec(head)?.[1]?.toLowerCase() ?? '';
    const http10 = head.startsWith('HTTP/1.0');
    const keepAlive = http10 ? connection.includes('keep-alive') : !connection.includes('close');
    this.current = { status, keepAlive };
    if (status === 204 || status === 304) return this.finish();
    if (/\r\ntransfer-encoding:[^\r]*chunked/i.test(head)) {
      this.state = { kind: 'chunk-size' };
      return undefined;
    }
    const length = /\r\ncontent-length:[ \t]*(\d+)/i.exec(head)?.[1];
    if (length === undefined) {
      this.current = { status, keepAlive: false };
      this.state = { kind: 'until-close' };
      return undefined;
    }
    this.state = { kind: 'body', remaining: Number(length) };
    return undefined;
  }

  private finish(): ReadResponse {
    const response = { ...required(this.current, 'the response head'), bodyBytes: this.bodyBytes };
    this.current = undefined;
    this.bodyBytes = 0;
    this.state = { kind: 'head' };
    return response;
  }
}
