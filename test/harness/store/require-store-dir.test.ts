import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../harness/errors.js';
import { requireStoreDir } from '../../../harness/store/require-store-dir.js';

describe('requireStoreDir', () => {
  it('lets a run without store faults through whatever the target says', () => {
    expect(() => requireStoreDir([], null)).not.toThrow();
  });

  it('lets store faults through on a target that declares its store', () => {
    expect(() => requireStoreDir(['store-broken'], '/tmp/x/failed_batches')).not.toThrow();
  });

  it('is a usage error (exit 2) naming the steps when the target cannot say where its store is', () => {
    let caught: unknown;
    try {
      requireStoreDir(['store-broken', '#4'], null);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as Error).message).toMatch(
      /^Failed to prepare store faults for step\(s\) "store-broken", "#4": the target does not say where/,
    );
    expect((caught as Error).message).toMatch(/remove the store_fault steps\.$/);
  });
});
