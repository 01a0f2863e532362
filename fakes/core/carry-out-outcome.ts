/**
 * Carries a `FaultOutcome` out on the wire and writes the request's one journal entry. Fault kinds
 * only describe what should happen; every socket operation lives here, so each kind gets the same
 * journaling and cleanup.
 */
import type { Socket } from 'node:net';
import type { Exchange } from './exchange.js';
import type { FaultOutcome } from './faults/fault-kind.js';
import { safeHandle } from './service-calls.js';
import type { FakeRequest } from './service-definition.js';
import { writeFakeResponse, writeTruncatedResponse } from './write-fake-response.js';

export type { Exchange };

export async function carryOutOutcome(outcome: FaultOutcome, x: Exchange, request: FakeRequest): Promise<void> {
  const { recorder, res, req } = x;
  switch (outcome.type) {
    case 'reset':
      resetSocket(req.socket);
      recorder.finish({ outcome: 'reset', status: 0, bytesOut: 0 });
      return;
    case 'abandon':
      req.socket.destroy();
      recorder.finish({ outcome: 'hung', status: 0, bytesOut: 0 });
      return;
    case 'truncate': {
      if (x.lifetime.gone) return recorder.finish({ outcome: 'client_aborted', status: 0, bytesOut: 0 });
      const bytesOut = await writeTruncatedResponse(res, outcome.response, outcome.keepBytes);
      recorder.finish({ outcome: 'truncated', status: outcome.response.status, bytesOut });
      return;
    }
    case 'respond':
    case 'passthrough': {
      const response =
        outcome.type === 'respond' ? outcome.response : await safeHandle(x.definition, request, x.classified, recorder);
      if (x.lifetime.gone) return recorder.finish({ outcome: 'client_aborted', status: 0, bytesOut: 0 });
      const bytesOut = await writeFakeResponse(res, response, request.method);
      recorder.finish({ outcome: 'responded', status: response.status, bytesOut });
      return;
    }
  }
}

/** TCP RST where the platform allows it (plain TCP), otherwise an abrupt destroy. */
function resetSocket(socket: Socket): void {
  try {
    socket.resetAndDestroy();
  } catch {
    socket.destroy();
  }
}
