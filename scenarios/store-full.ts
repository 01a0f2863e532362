/**
 * The failed-batch directory is full (every write fails with ENOSPC) while Sentinel is down. The
 * harness mounts a small filled tmpfs over it (root only); see README "Store faults" for why a
 * tmpfs rather than a fault-injection library, and shared/store-fault-scenario.ts for the checks.
 */
import { storeFaultScenario } from './shared/store-fault-scenario.js';

export default storeFaultScenario({
  id: 'store-full',
  fault: 'full',
  title: 'Failed-batch store full (ENOSPC) during a Sentinel outage',
  what: 'is full: every write fails with ENOSPC (a small filled tmpfs mounted over it; needs root)',
});
