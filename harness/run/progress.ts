/**
 * The live progress line and the final verdict table (plain text, no colours: it goes to
 * terminals and CI logs alike).
 */

import type { LiveState } from '../observe/live-state.js';
import type { ScenarioResultFile } from '../result/result-schema.js';

/**
 * `pending` is "not accounted for yet" (seeded, neither delivered nor stored in a failed-batch
 * file): records still in S3 or in flight. Only the final ledger says `lost`. `t=` is target
 * time since the target became ready; the wall time follows in brackets when the two differ.
 *
 * @example
 * `t=  42.0s [wall   4.2s] azure-sentinel=OPEN | faults: sentinel-429 | delivered 20/45, ` +
 *   `stored 18 (18 file(s)), pending 7`
 */
export function formatProgress(timelineMs: number, wallMs: number, state: LiveState, timeScale: number): string {
  const breakers = Object.entries(state.breakerStates());
  const breakerText = breakers.length > 0 ? breakers.map(([name, s]) => `${name}=${s}`).join(' ') : 'breakers CLOSED';
  const faults = [...state.activeFaults().keys()];
  const delivered = [...state.seeded].filter((id) => state.delivered.has(id)).length;
  const wall = timeScale !== 1 ? ` [wall ${formatClockSeconds(wallMs)}]` : '';
  const clock = `t=${formatClockSeconds(timelineMs)}${wall}`;
  return (
    `${clock} ${breakerText} | faults: ${faults.join(', ') || 'none'} | delivered ${delivered}/${state.seeded.size}, ` +
    `stored ${state.waitingRecordIds().size} (${state.waitingFiles()} file(s)), pending ${state.pending()}`
  );
}

const formatClockSeconds = (ms: number): string => `${(ms / 1_000).toFixed(1).padStart(6)}s`;

const clip = (text: string, width: number): string =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
const show = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

const formatPercent = (ratio: number): string => `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(1)}%`;

/** The verdict table printed at the end of a run; `banner` (e.g. the shims warning) goes right above its header. */
export function formatVerdictTable(result: ScenarioResultFile, options: { readonly banner?: string } = {}): string {
  const rows = result.expectations.map(
    (e) => `${e.passed ? 'PASS' : 'FAIL'}  ${clip(e.name, 52)} ${clip(show(e.expected), 34)} ${show(e.observed)}`,
  );
  const l = result.ledger;
  const scale = result.measuredTimeScale;
  const measured =
    scale !== undefined
      ? `, measured ${scale.toFixed(2)}: ${formatPercent(scale / result.timeScale - 1)} off`
      : ', measured: n/a';
  const lines = [
    '',
    ...(options.banner ? [options.banner] : []),
    `Scenario ${result.scenario} on ${result.target} (time scale ${result.timeScale}${measured}, seed ${result.seed})`,
    `      ${clip('expectation', 52)} ${clip('expected', 34)} observed`,
    ...rows,
    `Ledger: seeded ${l.seeded}, delivered ${l.delivered}, duplicates ${l.duplicates}, ` +
      `in failed batches ${l.inFailedBatches}, replayed ${l.replayed}, lost ${l.lost}`,
    `Verdict: ${result.verdict.toUpperCase()}${result.error ? ` — ${result.error}` : ''}`,
  ];
  return lines.join('\n');
}
