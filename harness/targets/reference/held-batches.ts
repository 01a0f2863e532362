/**
 * Failed batches whose file could not be written (EACCES, EROFS, ENOSPC, ENOTDIR, …), held in
 * memory by `run` and routed again at the start of every cycle: uploaded if Sentinel takes them,
 * else stored if the disk does. While any is held, /ready answers 503 with `reason()`, because a
 * crash now would lose them (their objects stay unhandled, so a restart reads them again).
 */
import type { StoreFailure } from './batch-router.js';

export interface HeldBatch<T> {
  readonly items: readonly T[];
  readonly because: StoreFailure;
}

export class HeldBatches<T> {
  private batches: HeldBatch<T>[] = [];

  hold(items: readonly T[], because: StoreFailure): void {
    if (items.length > 0) this.batches.push({ items, because });
  }

  /** Removes and returns every held batch, oldest first (whatever fails again is held again). */
  take(): HeldBatch<T>[] {
    const taken = this.batches;
    this.batches = [];
    return taken;
  }

  get batchCount(): number {
    return this.batches.length;
  }

  get itemCount(): number {
    return this.batches.reduce((n, b) => n + b.items.length, 0);
  }

  /** The latest reason storing failed, or null when nothing is held. */
  get storeError(): string | null {
    return this.batches.at(-1)?.because.storeError ?? null;
  }

  /** Why the target is not ready, or null when nothing is held. */
  reason(): string | null {
    if (this.storeError === null) return null;
    return (
      `Holding ${this.batchCount} failed batch(es) (${this.itemCount} records) in memory: ` +
      `storing them failed (${this.storeError}); retrying every cycle`
    );
  }
}
