/** A raw node:http POST that reports when its body was fully handed to the socket, and how it ended. */
import { request } from 'node:http';

export interface Upload {
  /** True once every body byte was written to the socket (the request's `finish` event). */
  readonly bodySent: () => boolean;
  /** Settles once: with the response status, or with the transport error. */
  readonly result: Promise<{ readonly status?: number; readonly errorCode?: string; readonly bodySentFirst: boolean }>;
  /** True once `result` settled. */
  readonly settled: () => boolean;
}

export function startUpload(url: string, body: Buffer): Upload {
  let sent = false;
  let done = false;
  const result = new Promise<{ status?: number; errorCode?: string; bodySentFirst: boolean }>((resolve) => {
    const finish = (outcome: { status?: number; errorCode?: string }): void => {
      if (done) return;
      done = true;
      resolve({ ...outcome, bodySentFirst: sent });
    };
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-length': body.length } }, (res) => {
      res.resume();
      finish({ status: res.statusCode ?? 0 });
    });
    req.on('finish', () => {
      sent = true;
    });
    req.on('error', (error: NodeJS.ErrnoException) => finish({ errorCode: error.code ?? error.name }));
    req.end(body);
  });
  return { bodySent: () => sent, result, settled: () => done };
}
