/**
 * Whether the client of one request is still there: it is gone once the response closed before it
 * was finished (the client went away) or the server started stopping.
 *
 * @note Why not an `AbortController` per request: most requests meet no fault and only ask `gone`
 * once, before their response is written, which the response's own state answers. The signal fault
 * kinds wait on is made on first use, with the listeners the eager version attached up front, and
 * is born aborted (with the same reason) when the client already left.
 */
import type { ServerResponse } from 'node:http';

export class RequestLifetime {
  private controller: AbortController | undefined;

  constructor(
    private readonly res: ServerResponse,
    /** Aborted when the server stops. */
    private readonly stopping: AbortSignal,
  ) {}

  /** True once the client went away before the response was finished, or the server stopped. */
  get gone(): boolean {
    return this.controller ? this.controller.signal.aborted : this.stopping.aborted || this.closedEarly();
  }

  /** Aborts when `gone` becomes true; made on first use. */
  get signal(): AbortSignal {
    if (this.controller) return this.controller.signal;
    const controller = new AbortController();
    this.controller = controller;
    if (this.stopping.aborted) controller.abort(this.stopping.reason);
    else if (this.closedEarly()) controller.abort(new Error('client went away'));
    else watch(controller, this.res, this.stopping);
    return controller.signal;
  }

  /** The response emitted 'close' (Node sets `destroyed` as it does) before it was finished. */
  private closedEarly(): boolean {
    return this.res.destroyed && !this.res.writableFinished;
  }
}

function watch(controller: AbortController, res: ServerResponse, stopping: AbortSignal): void {
  const onStop = (): void => controller.abort(stopping.reason);
  stopping.addEventListener('abort', onStop, { once: true });
  res.on('close', () => {
    if (!res.writableFinished) controller.abort(new Error('client went away'));
    stopping.removeEventListener('abort', onStop);
  });
}
