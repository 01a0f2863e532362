/**
 * The failed-batch directory cannot be written (read-only, as a volume remounted read-only after a
 * disk error) while Sentinel is down: the connector's last-resort code runs against a store that
 * refuses it. See shared/store-fault-scenario.ts for the timeline and the checks.
 */
import { storeFaultScenario } from './shared/store-fault-scenario.js';

export default storeFaultScenario({
  id: 'store-unwritable',
  fault: 'unwritable',
  title: 'Failed-batch store not writable during a Sentinel outage',
  what: 'cannot be written (a read-only bind mount as root; chmod a-w otherwise)',
});
