import { ChaosError } from '../errors.js';

/**
 * A network fault spec that cannot be sent to Toxiproxy. `problems` lists every one, each
 * prefixed with the attribute it is about (`attributes.latency: must be …`), so a scenario
 * author fixes them all at once.
 */
export class InvalidNetworkFaultError extends ChaosError {
  constructor(
    readonly faultId: string,
    readonly problems: readonly string[],
  ) {
    super(
      `Failed to inject network fault "${faultId}": ${problems.join('; ')}. ` +
        "See docs/network-faults.md for each toxic's attributes.",
    );
    this.name = 'InvalidNetworkFaultError';
  }
}
