/**
 * Phase "observe": everything that watches the target is in place before it starts, so no log
 * record, request or failed-batch file is missed: the breaker tracker, the live state, the
 * process controller, the fakes' journal and ingest store, the failed-batch directory, and the
 * working directories beside it.
 */
import { replicaNumbers } from '../../domain/replica.js';
import { createBreakerTracker } from '../../observe/breaker-tracker.js';
import { createLiveState } from '../../observe/live-state.js';
import { observeFakes } from '../../observe/observe-fakes.js';
import { trackRecordIdentity } from '../../observe/record-identification.js';
import { scanStrayBatches } from '../../observe/scan-stray-batches.js';
import { combineWatchers, watchFailedBatches } from '../../observe/watch-failed-batches.js';
import { createStoreFaults } from '../../store/store-faults.js';
import type { Observed, WithTarget } from '../run-context.js';
import { createTargetController } from '../target-controller.js';

/** Wall ms between reads of a store read through the target (each read is a request to it). */
const STORE_RESCAN_MS = 500;

export async function observePhase(ctx: WithTarget): Promise<Observed> {
  const { session, bus, prepared, fakes, options } = ctx;
  const tracker = createBreakerTracker();
  const live = createLiveState(bus);
  session.defer('live state', () => live.dispose());
  const controller = createTargetController(prepared, bus, tracker, session);
  session.defer('target processes', () => controller.stopAll());
  const identity = trackRecordIdentity(bus, prepared.recordSchema);
  session.defer('record identity', () => identity.dispose());
  const unobserveFakes = observeFakes(fakes, bus, {
    // The fakes run on wall time (epoch ms): convert to target ms from time zero.
    toRunMs: (epochMs) => (epochMs - bus.wallOrigin()) * options.timeScale,
    identity,
  });
  session.defer('fake observers', unobserveFakes);
  const { identify } = identity;
  // A store inside the target (a container's filesystem) is read through the target, per replica.
  const stores = prepared.failedBatchStore;
  const watcher = stores
    ? combineWatchers(
        (prepared.replicas ? replicaNumbers(prepared.replicas) : [1]).map((replica) =>
          watchFailedBatches(stores(replica), bus, {
            identify,
            rescanMs: STORE_RESCAN_MS,
            ...(prepared.replicas ? { replica } : {}),
          }),
        ),
      )
    : watchFailedBatches(prepared.failedBatchesDir, bus, { identify });
  session.defer('failed-batch watcher', () => watcher.stop());
  const strayScanner = scanStrayBatches(prepared.workingDirs, prepared.failedBatchesDir, bus, { identify });
  session.defer('stray failed-batch scanner', () => strayScanner.stop());
  // Store faults act on a directory of this machine; a store read through the target has none.
  const storeFaults = createStoreFaults(stores ? null : prepared.failedBatchesDir, watcher);
  // Registered after the watcher: undone first, so the watcher sees the store as the target left it.
  session.defer('store faults', () => storeFaults.clear());
  return { ...ctx, tracker, live, controller, watcher, strayScanner, storeFaults };
}
