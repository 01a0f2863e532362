/**
 * One keep-alive TCP connection that sends pre-built HTTP/1.1 requests, one at a time, and resolves
 * with each response's status once its body has been read. It reconnects after a close (a server
 * may answer `Connection: close`), so a round never stalls on a dead socket.
 */
import { connect, type Socket } from 'node:net';
import { HttpResponseReader, type ReadResponse } from './http-response-reader.js';

interface Waiter {
  resolve(response: ReadResponse): void;
  reject(error: Error): void;
}

export class KeepAliveConnection {
  private socket: Socket | undefined;
  private readonly reader = new HttpResponseReader();
  private waiter: Waiter | undefined;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  request(bytes: Buffer): Promise<ReadResponse> {
    if (this.waiter) return Promise.reject(new Error('Failed to send a request: one is already in flight.'));
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
      (this.socket ?? this.open()).write(bytes);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private open(): Socket {
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    this.reader.reset();
    socket.on('data', (chunk: Buffer) => {
      let responses: ReadResponse[];
      try {
        responses = this.reader.push(chunk);
      } catch (error) {
        this.drop(socket, error as Error);
        return;
      }
      for (const response of responses) {
        if (!response.keepAlive) this.drop(socket);
        this.settle((w) => w.resolve(response));
      }
    });
    socket.on('error', (error) => this.drop(socket, error));
    socket.on('close', () => {
      const last = this.socket === socket ? this.reader.end() : undefined;
      if (last) this.settle((w) => w.resolve(last));
      this.drop(socket, new Error('the server closed the connection before answering'));
    });
    this.socket = socket;
    return socket;
  }

  /** Forgets `socket` (the next request reconnects) and fails the request in flight, if any. */
  private drop(socket: Socket, error?: Error): void {
    if (this.socket !== socket) return;
    this.socket = undefined;
    socket.destroy();
    if (error) this.settle((w) => w.reject(error));
  }

  private settle(action: (waiter: Waiter) => void): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter) action(waiter);
  }
}
