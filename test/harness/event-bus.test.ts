import { describe, expect, it } from 'vitest';
import { createEventBus } from '../../harness/observe/event-bus.js';
import { request } from './helpers/synthetic-events.js';

describe('event bus rebase', () => {
  it('moves a request start made before time zero with the zero, like the event times', () => {
    let wallMs = 0;
    const bus = createEventBus({ timeScale: 10, wallNow: () => wallMs });
    wallMs = 1_000;
    bus.emit(request('s3', 'ListObjectsV2', 200, 9_000));
    wallMs = 3_000;
    bus.rebase();
    const [event] = bus.ofType('request:completed');
    expect(event).toMatchObject({ atMs: -20_000, wallAtMs: -2_000, startedAtMs: -21_000 });
  });
});
