/**
 * The failed-batch directory is removed mid-run while Sentinel is down (a volume unmounted, a
 * cleanup job gone wrong). A connector that creates it on demand carries on; one that holds a
 * handle to the old directory or crashes on ENOENT does not. Files already stored are moved aside
 * by the harness and come back when the fault clears. See shared/store-fault-scenario.ts.
 */
import { storeFaultScenario } from './shared/store-fault-scenario.js';

export default storeFaultScenario({
  id: 'store-vanishes',
  fault: 'vanish',
  title: 'Failed-batch store removed during a Sentinel outage',
  what: 'is removed (the files already in it are moved aside and come back when the fault clears)',
});
