/**
 * The routes every control API has, whatever services run: faults, reset and the journal.
 *
 *   POST /__chaos/reset    faults cleared, service state emptied, journal kept
 */
import type { FaultEngine } from '../fault-engine.js';
import type { Journal } from '../journal.js';
import { type ControlRoute, defineControlRoute } from './control-route.js';
import { createFaultRoutes } from './fault-routes.js';
import { createJournalRoutes } from './journal-routes.js';

export function createCoreRoutes(target: {
  readonly engine: FaultEngine;
  readonly journal: Journal;
  reset(): void;
}): ControlRoute[] {
  return [
    ...createFaultRoutes(target.engine),
    defineControlRoute({
      method: 'POST',
      pattern: '/__chaos/reset',
      handle() {
        target.reset();
        return { status: 200, json: { reset: true } };
      },
    }),
    ...createJournalRoutes(target.journal),
  ];
}
