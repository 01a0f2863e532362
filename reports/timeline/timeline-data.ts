import type { BreakerState, ScenarioResultFile } from '../../harness/result/result-schema.js';
import { classifyRequest, type StatusClass } from './status-class.js';

const LAYER_TAG = { http: 'HTTP', network: 'NET', store: 'STORE' } as const;
export interface BreakerBand {
  readonly startMs: number;
  readonly endMs: number;
  readonly state: BreakerState;
}

export interface TimelineData {
  /** Right edge of the picture, target ms (at least 1). */
  readonly endMs: number;
  readonly breakers: readonly { readonly name: string; readonly bands: readonly BreakerBand[] }[];
  readonly faults: readonly {
    readonly label: string;
    readonly layer: 'http' | 'network' | 'store';
    readonly startMs: number;
    readonly endMs: number;
    readonly open: boolean;
  }[];
  readonly services: readonly string[];
  readonly requests: readonly { readonly atMs: number; readonly service: string; readonly statusClass: StatusClass }[];
  readonly samples: readonly {
    readonly atMs: number;
    readonly failedBatchFiles: number;
    readonly deliveredRecords: number;
  }[];
  /** Steps that started, numbered from 1 as in the report's steps table. */
  readonly steps: readonly { readonly number: number; readonly name: string; readonly atMs: number }[];
}

function bandsFromChanges(changes: readonly { atMs: number; state: BreakerState }[], endMs: number): BreakerBand[] {
  const bands: BreakerBand[] = [];
  let state: BreakerState = 'CLOSED';
  let startMs = 0;
  for (const change of changes) {
    if (change.state === state) continue;
    if (change.atMs > startMs) bands.push({ startMs, endMs: change.atMs, state });
    state = change.state;
    startMs = change.atMs;
  }
  bands.push({ startMs, endMs: Math.max(endMs, startMs), state });
  return bands;
}

/**
 * Everything the timeline draws, in target ms. Breaker bands come from the logged transitions
 * (exact); a breaker only ever seen in samples is drawn from the samples. A fault still active
 * at the end of the run (`endMs: null`) runs to the right edge and is flagged `open`.
 */
export function buildTimelineData(result: ScenarioResultFile): TimelineData {
  const times = [
    ...result.requests.map((r) => r.atMs),
    ...result.samples.map((s) => s.atMs),
    ...result.transitions.map((t) => t.atMs),
    ...result.faults.flatMap((f) => [f.startMs, f.endMs ?? 0]),
    ...(result.steps ?? []).map((s) => s.startedAtMs),
  ];
  const endMs = Math.max(1, ...times);
  // One lane per breaker, and per replica when the target ran several (`azure-sentinel [r2]`, as in samples).
  const laneOf = (t: ScenarioResultFile['transitions'][number]): string =>
    t.replica === undefined ? t.breaker : `${t.breaker} [r${t.replica}]`;
  const names = new Set<string>(result.transitions.map(laneOf));
  for (const sample of result.samples) for (const name of Object.keys(sample.breakerStates)) names.add(name);
  const breakers = [...names].sort().map((name) => {
    const fromLog = result.transitions
      .filter((t) => laneOf(t) === name)
      .sort((a, b) => a.atMs - b.atMs)
      .map((t) => ({ atMs: t.atMs, state: t.to }));
    const changes =
      fromLog.length > 0
        ? fromLog
        : result.samples
            .flatMap((s) => {
              const state = s.breakerStates[name];
              return state ? [{ atMs: s.atMs, state }] : [];
            })
            .sort((a, b) => a.atMs - b.atMs);
    return { name, bands: bandsFromChanges(changes, endMs) };
  });
  const faults = [...result.faults]
    .sort((a, b) => a.startMs - b.startMs)
    .map((f) => ({
      label: `${LAYER_TAG[f.layer]} ${f.service}: ${f.description || f.ruleId}`,
      layer: f.layer,
      startMs: f.startMs,
      endMs: f.endMs ?? endMs,
      open: f.endMs === null,
    }));
  const services = [...new Set(result.requests.map((r) => r.service))].sort();
  return {
    endMs,
    breakers,
    faults,
    services,
    requests: result.requests.map((r) => ({ atMs: r.atMs, service: r.service, statusClass: classifyRequest(r) })),
    steps: (result.steps ?? [])
      .filter((s) => s.startedAtMs >= 0)
      .map((s) => ({ number: s.index + 1, name: s.name, atMs: s.startedAtMs })),
    samples: [...result.samples]
      .sort((a, b) => a.atMs - b.atMs)
      .map((s) => ({ atMs: s.atMs, failedBatchFiles: s.failedBatchFiles, deliveredRecords: s.deliveredRecords })),
  };
}
