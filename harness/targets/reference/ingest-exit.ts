/**
 * `ingest`'s exit code: 0 when every record it read was delivered or stored in a failed-batch
 * file; 1 when the cycle failed (listing) or some records were neither (their failed batch could
 * not be stored, or a test knob dropped them), with one ERROR line saying how many and why. The
 * `oneshot_exit_zero` knob exits 0 regardless, as a connector that ignores its own losses would.
 */

export interface IngestResult {
  /** The cycle threw (listing failed); it already logged `Pipeline cycle failed: …`. */
  readonly cycleFailed: boolean;
  /** Records parsed from the objects read. */
  readonly records: number;
  /** Records whose failed batch could not be stored (their objects were not marked handled). */
  readonly unstored: number;
  /** Why storing failed, when `unstored` > 0 (`ENOTDIR: not a directory, …`). */
  readonly storeError: string | null;
  /** Records a test knob dropped (their objects were marked handled: lost). */
  readonly dropped: number;
}

export interface IngestExit {
  readonly exitCode: 0 | 1;
  /** The ERROR line to log, or null. */
  readonly error: string | null;
}

/**
 * @example ingestExit({ cycleFailed: false, records: 5, unstored: 2, storeError: 'ENOSPC: …', dropped: 0 }, false)
 * // → { exitCode: 1, error: 'Failed to deliver or store 2 of 5 record(s) read: …' }
 */
export function ingestExit(result: IngestResult, oneshotExitZero: boolean): IngestExit {
  const lost = result.unstored + result.dropped;
  const error = lost === 0 ? null : describeLoss(result, lost);
  const failed = result.cycleFailed || lost > 0;
  return { exitCode: failed && !oneshotExitZero ? 1 : 0, error };
}

function describeLoss(result: IngestResult, lost: number): string {
  const why: string[] = [];
  const fix: string[] = [];
  if (result.unstored > 0) {
    why.push(`${result.unstored} could not be stored (${result.storeError ?? 'store failed'})`);
    fix.push('Make failedBatchesDir writable and run ingest again: their objects were not marked handled.');
  }
  if (result.dropped > 0) {
    why.push(`${result.dropped} were dropped by a test knob`);
    fix.push('Turn off drop_failed_batches and skip_store_on_timeout: those records are lost.');
  }
  return `Failed to deliver or store ${lost} of ${result.records} record(s) read: ${why.join('; ')}. ${fix.join(' ')}`;
}
