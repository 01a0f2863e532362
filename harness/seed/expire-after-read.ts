/**
 * `s3.expireAfterFirstReadMs`: an object disappears that long after its first successful GET, as
 * a lifecycle rule or a shipper that moves processed objects would make it. A connector that
 * mishandles a batch after a failure can then no longer recover by reading the source again: the
 * records are really lost, and the ledger says so.
 */
import type { EventBus } from '../observe/event-bus.js';

export interface ExpiringStore {
  deleteObject(bucket: string, key: string): boolean;
}

/** Starts watching the journal for first reads; returns the function that stops it (and pending deletes). */
export function expireAfterFirstRead(
  bus: EventBus,
  store: ExpiringStore,
  options: { readonly afterMs: number },
): () => void {
  const seen = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const unsubscribe = bus.subscribe((event) => {
    if (event.type !== 'request:completed') return;
    const { service, operation, status, bucket, key } = event.entry;
    if (service !== 's3' || operation !== 'GetObject' || status !== 200 || !bucket || !key) return;
    const id = `${bucket}/${key}`;
    if (seen.has(id)) return;
    seen.add(id);
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (store.deleteObject(bucket, key)) bus.emit({ type: 'seed:expired', bucket, key });
    }, options.afterMs / bus.timeScale);
    timer.unref();
    timers.add(timer);
  });
  return () => {
    unsubscribe();
    for (const timer of timers) clearTimeout(timer);
  };
}
