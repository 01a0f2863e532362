/** What a scenario seeds into S3 before the target starts, and what arrives later. */
import {
  boolean,
  count,
  custom,
  durationMs,
  isObject,
  list,
  oneOf,
  validateFields,
} from '../../common/validation/index.js';
import { DEFAULT_SEED_SHAPE, type SeedShape } from './corpus/render-object.js';

export interface ArrivalSpec {
  /** Target ms after the target became ready. */
  readonly atMs: number;
  readonly records: number;
}

export interface SeedSpec {
  /** Number of records seeded before the target starts (`shape.linesPerObject` per S3 object). */
  readonly records: number;
  /** How seeded objects look; default 5 firewall lines per plain `.log` object. */
  readonly shape?: Partial<SeedShape>;
  /** Records that arrive later: `records` more at `atMs`. */
  readonly arrivals?: readonly ArrivalSpec[];
}

const SHAPE_FIELDS = {
  format: oneOf(['firewall', 'json']),
  linesPerObject: count({ min: 1, max: 10_000 }),
  gzip: boolean(),
};

/** The scenario's shape with the defaults filled in. */
export function seedShapeOf(spec: SeedSpec): SeedShape {
  return { ...DEFAULT_SEED_SHAPE, ...spec.shape };
}

const ARRIVAL_FIELDS = { atMs: durationMs({ required: true }), records: count({ required: true, min: 1 }) };

/** Max records seeded up front: with one record per object, ten list pages (backlog-drain seeds 2,500). */
export const MAX_SEEDED_RECORDS = 10_000;

export const SEED_FIELDS = {
  shape: custom<Partial<SeedShape>>('{ format?, linesPerObject?, gzip? }', (value, path, problems) => {
    if (!isObject(value)) {
      problems.push(`${path}: must be { format?, linesPerObject?, gzip? }`);
      return undefined;
    }
    return validateFields(value, SHAPE_FIELDS, path, problems, undefined) ? (value as Partial<SeedShape>) : undefined;
  }),
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
