/**
 * The network fault vocabulary: Toxiproxy's toxics under their own names, plus `partition`
 * (the proxy disabled). Validation is pure and returns every problem; conversion divides the
 * time attributes by the time scale, because scenarios speak target time and Toxiproxy waits
 * in wall time.
 */
import { SERVICE_NAMES, type ServiceName } from '../domain/services.js';

/** Network faults through Toxiproxy, under Toxiproxy's own toxic names plus `partition`. */
export type NetworkToxicKind =
  | 'latency'
  | 'bandwidth'
  | 'slow_close'
  | 'timeout'
  | 'reset_peer'
  | 'slicer'
  | 'limit_data'
  | 'partition';

export interface NetworkFaultSpec {
  readonly id: string;
  readonly service: ServiceName;
  readonly toxic: NetworkToxicKind;
  readonly direction?: 'upstream' | 'downstream';
  readonly toxicity?: number;
  /**
   * Toxic attributes in Toxiproxy's own names (latency, jitter, rate, delay, timeout, bytes,
   * average_size, …). Time attributes are target ms and are scaled.
   */
  readonly attributes?: Readonly<Record<string, number>>;
}

/** Every fake can be put behind a proxy. */
export type NetworkService = ServiceName;
export const NETWORK_SERVICES: readonly NetworkService[] = SERVICE_NAMES;

interface AttributeRule {
  readonly required: boolean;
  /** Scaled by 1 / timeScale: target ms (µs for slicer's `delay`, as Toxiproxy names it). */
  readonly time: boolean;
  readonly description: string;
}

const time = (description: string, required = true): AttributeRule => ({ required, time: true, description });
const amount = (description: string, required = true): AttributeRule => ({ required, time: false, description });

/** Toxiproxy 2.5 attributes per toxic; `partition` takes none. */
export const TOXIC_ATTRIBUTES: Readonly<Record<NetworkToxicKind, Readonly<Record<string, AttributeRule>>>> = {
  latency: { latency: time('delay added to each chunk, ms'), jitter: time('± random spread, ms', false) },
  bandwidth: { rate: amount('KB/s') },
  slow_close: { delay: time('delay before the socket closes, ms') },
  timeout: { timeout: time('ms before the connection is closed; 0 = hold until cleared') },
  reset_peer: { timeout: time('ms before the reset; 0 = at once', false) },
  slicer: {
    average_size: amount('bytes per slice'),
    size_variation: amount('± bytes per slice', false),
    delay: time('delay between slices, µs', false),
  },
  limit_data: { bytes: amount('bytes passed before the connection is closed') },
  partition: {},
};

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** Every problem with `spec`, each naming its field; empty when the spec is valid. */
export function validateNetworkFaultSpec(spec: NetworkFaultSpec, services?: readonly NetworkService[]): string[] {
  const problems: string[] = [];
  if (typeof spec.id !== 'string' || !ID_PATTERN.test(spec.id)) {
    problems.push(
      'id: must be 1–64 characters of letters, digits, "_", "." or "-" starting with a letter or digit, ' +
        `got ${JSON.stringify(spec.id)}`,
    );
  }
  if (!NETWORK_SERVICES.includes(spec.service)) {
    problems.push(`service: must be one of ${NETWORK_SERVICES.join(', ')}, got ${JSON.stringify(spec.service)}`);
  } else if (services && !services.includes(spec.service)) {
    problems.push(
      `service: "${spec.service}" has no proxy in this run (proxied: ${services.join(', ') || 'none'}); ` +
        'add it to networkServices',
    );
  }
  const rules = TOXIC_ATTRIBUTES[spec.toxic];
  if (!rules) {
    problems.push(
      `toxic: must be one of ${Object.keys(TOXIC_ATTRIBUTES).join(', ')}, got ${JSON.stringify(spec.toxic)}`,
    );
    return problems;
  }
  if (spec.direction !== undefined && spec.direction !== 'upstream' && spec.direction !== 'downstream') {
    problems.push(`direction: must be "upstream" or "downstream", got ${JSON.stringify(spec.direction)}`);
  }
  if (spec.toxicity !== undefined && !(typeof spec.toxicity === 'number' && spec.toxicity >= 0 && spec.toxicity <= 1)) {
    problems.push(`toxicity: must be a number from 0 to 1, got ${JSON.stringify(spec.toxicity)}`);
  }
  if (spec.toxic === 'partition') {
    // A disabled proxy refuses every connection both ways: direction and toxicity cannot apply.
    if (spec.direction !== undefined)
      problems.push('direction: a partition cuts both directions; remove it (use toxic "timeout" for a one-way hang)');
    if (spec.toxicity !== undefined && spec.toxicity !== 1)
      problems.push(
        'toxicity: a partition affects every connection; ' +
          'remove it (use "reset_peer" with a toxicity for a partial one)',
      );
  }
  const attributes = spec.attributes ?? {};
  for (const [name, value] of Object.entries(attributes)) {
    const rule = rules[name];
    if (!rule) {
      const known = Object.keys(rules);
      const hint = known.length ? `known: ${known.join(', ')}` : 'it takes none';
      problems.push(`attributes.${name}: not an attribute of "${spec.toxic}" (${hint})`);
    } else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      problems.push(
        `attributes.${name}: must be a finite number >= 0 (${rule.description}), got ${JSON.stringify(value)}`,
      );
    } else if (!rule.time && !Number.isInteger(value)) {
      problems.push(`attributes.${name}: must be an integer (${rule.description}), got ${value}`);
    }
  }
  for (const [name, rule] of Object.entries(rules)) {
    if (rule.required && attributes[name] === undefined)
      problems.push(`attributes.${name}: required for "${spec.toxic}" (${rule.description})`);
  }
  if (spec.toxic === 'bandwidth' && attributes.rate === 0) {
    problems.push('attributes.rate: 0 KB/s would stop all data; use toxic "timeout" with timeout 0 for a hang');
  }
  return problems;
}

/** What is sent to Toxiproxy for a toxic (never for a partition). */
export interface ToxicBody {
  readonly name: string;
  readonly type: Exclude<NetworkToxicKind, 'partition'>;
  readonly stream: 'upstream' | 'downstream';
  readonly toxicity: number;
  readonly attributes: Readonly<Record<string, number>>;
}

/**
 * Target time → wall time, as the integer Toxiproxy requires. A positive value never rounds
 * down to 0, because 0 changes the meaning (`timeout: 0` is "hold forever").
 */
export function scaleTimeAttribute(targetValue: number, timeScale: number): number {
  if (targetValue === 0) return 0;
  return Math.max(1, Math.round(targetValue / timeScale));
}

/** Assumes a valid spec (see `validateNetworkFaultSpec`). */
export function toToxicBody(spec: NetworkFaultSpec, timeScale: number): ToxicBody {
  if (spec.toxic === 'partition')
    throw new Error('Failed to build a toxic: a partition is not a toxic (it disables the proxy).');
  const rules = TOXIC_ATTRIBUTES[spec.toxic];
  const attributes: Record<string, number> = {};
  for (const [name, value] of Object.entries(spec.attributes ?? {})) {
    attributes[name] = rules[name]?.time ? scaleTimeAttribute(value, timeScale) : value;
  }
  return {
    name: spec.id,
    type: spec.toxic,
    stream: spec.direction ?? 'downstream',
    toxicity: spec.toxicity ?? 1,
    attributes,
  };
}

/** One line for timelines and reports: `latency downstream 5000±1000 ms (target) on sentinel`. */
export function describeNetworkFault(spec: NetworkFaultSpec): string {
  const attributes = Object.entries(spec.attributes ?? {})
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  const toxicity = spec.toxicity !== undefined && spec.toxicity !== 1 ? ` toxicity=${spec.toxicity}` : '';
  const direction = spec.toxic === 'partition' ? '' : ` ${spec.direction ?? 'downstream'}`;
  return `${spec.toxic}${direction}${attributes ? ` ${attributes}` : ''}${toxicity} on ${spec.service}`.trim();
}
