/** What a scenario seeds into S3 before the target starts, and what arrives later. */
import { count, custom, durationMs, isObject, list, validateFields } from '../../common/validation/index.js';

export interface ArrivalSpec {
  /** Target ms after the target became ready. */
  readonly atMs: number;
  readonly records: number;
}

export interface SeedSpec {
  /** Number of records seeded before the target starts, one firewall record per S3 object. */
  readonly records: number;
  /** Records that arrive later: `records` more at `atMs`. */
  readonly arrivals?: readonly ArrivalSpec[];
}

const ARRIVAL_FIELDS = { atMs: durationMs({ required: true }), records: count({ required: true, min: 1 }) };

/** Max records seeded up front: one S3 object each, at most one list page for the connector. */
export const MAX_SEEDED_RECORDS = 1_000;

export const SEED_FIELDS = {
  records: count({ required: true, max: MAX_SEEDED_RECORDS }),
  arrivals: list(
    custom<ArrivalSpec, true>(
      '{ atMs, records }',
      (value, path, problems) => {
        if (!isObject(value)) {
          problems.push(`${path}: must be { atMs, records }`);
          return undefined;
        }
        return validateFields(value, ARRIVAL_FIELDS, path, problems, undefined)
          ? (value as unknown as ArrivalSpec)
          : undefined;
      },
      { required: true },
    ),
  ),
};
