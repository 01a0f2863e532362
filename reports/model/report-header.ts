import type { ScenarioResultFile } from '../../harness/result/result-schema.js';
import { assistanceOf } from './operator-facts.js';

export interface ReportHeader {
  readonly targets: readonly string[];
  /** Connector versions (commit, version…) by key; differing values across results are joined with ` / `. */
  readonly targetVersions: Readonly<Record<string, string>>;
  readonly sdks: Readonly<Record<string, string>>;
  /** Harness version from package.json at report time, and the one recorded in results if different. */
  readonly harnessVersion: string;
  readonly resultHarnessVersions: readonly string[];
  readonly timeScales: readonly number[];
  readonly measuredTimeScales: readonly number[];
  readonly seeds: readonly number[];
  /** Every shim used by any scenario; non-empty means the connector ran modified. */
  readonly shims: readonly string[];
  /** Every help any scenario gave the connector (`driver keyvault-driver`, `substitution base-image`). */
  readonly assistance: readonly string[];
  readonly targetOptions: Readonly<Record<string, string>>;
  /** Earliest scenario start (ISO) — the date of the run. */
  readonly runDate: string;
  readonly generatedAt: string;
  readonly machines: readonly string[];
}

function mergeRecords(records: readonly Readonly<Record<string, string>>[]): Record<string, string> {
  const merged = new Map<string, Set<string>>();
  for (const record of records) {
    for (const [key, value] of Object.entries(record)) {
      let values = merged.get(key);
      if (!values) {
        values = new Set();
        merged.set(key, values);
      }
      values.add(value);
    }
  }
  return Object.fromEntries(
    [...merged.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v].join(' / ')]),
  );
}

const distinct = <T>(values: readonly T[]): T[] => [...new Set(values)];

/**
 * What was tested, gathered over all results: a suite normally shares one target, scale and
 * seed, but merged shards may not, and then every distinct value is shown rather than one
 * silently chosen.
 */
export function buildReportHeader(
  results: readonly ScenarioResultFile[],
  harnessVersion: string,
  generatedAt: Date,
): ReportHeader {
  const starts = results
    .map((r) => r.startedAt)
    .filter(Boolean)
    .sort();
  return {
    targets: distinct(results.map((r) => r.target)).sort(),
    targetVersions: mergeRecords(results.map((r) => r.versions.target)),
    sdks: mergeRecords(results.map((r) => r.versions.sdks)),
    harnessVersion,
    resultHarnessVersions: distinct(results.map((r) => r.versions.harness)).sort(),
    timeScales: distinct(results.map((r) => r.timeScale)).sort((a, b) => a - b),
    measuredTimeScales: distinct(
      results.flatMap((r) => (r.measuredTimeScale === undefined ? [] : [Math.round(r.measuredTimeScale * 10) / 10])),
    ).sort((a, b) => a - b),
    seeds: distinct(results.map((r) => r.seed)).sort((a, b) => a - b),
    shims: distinct(results.flatMap((r) => r.shims)).sort(),
    assistance: distinct(results.flatMap((r) => assistanceOf(r).map((a) => `${a.kind} ${a.name}`))).sort(),
    targetOptions: mergeRecords(results.map((r) => r.targetOptions)),
    runDate: starts[0] ?? 'no scenario ran',
    generatedAt: generatedAt.toISOString(),
    machines: distinct(
      results.map((r) => `${r.machine.platform}, ${r.machine.cpus} CPUs, Node ${r.machine.node}`),
    ).sort(),
  };
}

const joinRecord = (record: Readonly<Record<string, string>>): string =>
  Object.keys(record).length === 0
    ? 'not recorded'
    : Object.entries(record)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');

/** `×10, ×20`. */
const scales = (values: readonly number[]): string => values.map((s) => `×${s}`).join(', ');

/** The header as label/value pairs, in reading order, for both renderers. */
export function describeReportHeader(header: ReportHeader): [string, string][] {
  const harness =
    header.resultHarnessVersions.length > 0 && header.resultHarnessVersions.some((v) => v !== header.harnessVersion)
      ? `${header.harnessVersion} (results written by ${header.resultHarnessVersions.join(', ')})`
      : header.harnessVersion;
  const measured = header.measuredTimeScales.length > 0 ? ` (measured ${scales(header.measuredTimeScales)})` : '';
  return [
    ['Connector', `${header.targets.join(', ') || 'none'}: ${joinRecord(header.targetVersions)}`],
    ['SDK versions', joinRecord(header.sdks)],
    ['Harness version', harness],
    ['Time scale', `${scales(header.timeScales) || '—'}${measured}`],
    ['Seed', header.seeds.join(', ') || '—'],
    [
      'Help given',
      header.assistance.length > 0
        ? header.assistance.join(', ')
        : header.shims.length > 0
          ? `shims ${header.shims.join(', ')}`
          : 'none: the connector ran unmodified, through its own entry point',
    ],
    ['Target options', joinRecord(header.targetOptions)],
    ['Run date', header.runDate],
    ['Report generated', header.generatedAt],
    ['Machine', header.machines.join('; ') || '—'],
  ];
}
