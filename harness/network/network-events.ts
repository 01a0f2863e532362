import type { NetworkFaultSpec, ToxicBody } from './network-fault-spec.js';

/**
 * Emitted through `onEvent` so the scenario engine can put network faults in its event stream
 * and the report's timeline (fault windows with `layer: 'network'`). `atMs` is read from the
 * clock passed to `startNetworkFaults` (wall-clock epoch ms by default).
 */
export type NetworkFaultEvent =
  | {
      readonly type: 'network:injected';
      readonly atMs: number;
      readonly id: string;
      readonly service: NetworkFaultSpec['service'];
      readonly toxic: NetworkFaultSpec['toxic'];
      /** One line, target units: `latency downstream latency=40000 on sentinel`. */
      readonly description: string;
      readonly spec: NetworkFaultSpec;
      /** The toxic as sent to Toxiproxy (wall units); absent for a partition. */
      readonly sent?: ToxicBody;
    }
  | {
      readonly type: 'network:cleared';
      readonly atMs: number;
      readonly id: string;
      readonly service: NetworkFaultSpec['service'];
      readonly toxic: NetworkFaultSpec['toxic'];
      readonly description: string;
    };

export type NetworkFaultEventListener = (event: NetworkFaultEvent) => void;
