/**
 * Keeps a record identity (records/record-identity.ts) fed with every seeded record as it is put,
 * so deliveries and stored batches can be recognised the moment they are seen.
 */
import type { DeclaredSchema } from '../domain/record-schema.js';
import { createRecordIdentity, type RecordIdentity } from '../records/record-identity.js';
import type { EventBus } from './event-bus.js';
import type { RunEvent } from './events.js';

export function trackRecordIdentity(bus: EventBus, schema: DeclaredSchema): RecordIdentity & { dispose(): void } {
  const identity = createRecordIdentity(schema);
  const addSeeded = (event: RunEvent): void => {
    if (event.type === 'seed:put') for (const { id, record } of event.records) identity.add(id, record);
  };
  for (const event of bus.events()) addSeeded(event);
  const dispose = bus.subscribe(addSeeded);
  return { add: identity.add, identify: identity.identify, dispose };
}
