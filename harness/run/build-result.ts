/**
 * Assembles the result file from the run's events and the evaluated expectations. Every field
 * of ScenarioResultFile is filled, even for an `error` run (with what was seen before it broke).
 */

import { cpus } from 'node:os';
import type { Assistance } from '../domain/assistance.js';
import { RUNBOOK_BREAKER_DEFAULTS } from '../domain/breaker.js';
import type { EvaluationContext } from '../expectations/evaluation-context.js';
import { toResultLedger } from '../ledger/compute-ledger.js';
import { measureTimeScale } from '../observe/measure-time-scale.js';
import type {
  ResultArtifacts,
  ResultExpectation,
  ResultFaultWindow,
  ResultRequestPoint,
  ResultSample,
  ResultStep,
  ScenarioResultFile,
  Verdict,
} from '../result/result-schema.js';
import type { Scenario } from '../scenario/types.js';
import { stepName } from '../timeline/execute-timeline.js';
import { buildOperatorView } from './operator-view.js';
import { summarizeTargetErrors } from './target-errors.js';

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

/** Log records kept from the start of the run: how a failure began. */
const HEAD_LOG_RECORDS = 60;
/** Log records kept from the end: how it ended. */
const TAIL_LOG_RECORDS = 150;
/** Lines kept of one multi-line record (a traceback): its first lines and its last ones. */
const MAX_LINES_PER_RECORD = 12;
const MAX_REQUEST_POINTS = 5_000;

export interface BuildResultInput {
  readonly scenario: Scenario;
  readonly target: string;
  readonly verdict: Verdict;
  readonly error?: string;
  readonly startedAt: Date;
  readonly durationMs: number;
  readonly timeScale: number;
  readonly seed: number;
  readonly shims: readonly string[];
  readonly replicas?: number;
  /** Help declared before the target was prepared (a product failure during preparation). */
  readonly assistance?: readonly Assistance[];
  readonly targetOptions: Readonly<Record<string, string>>;
  readonly versions: ScenarioResultFile['versions'];
  readonly expectations: readonly ResultExpectation[];
  readonly ctx: EvaluationContext;
  readonly samples: readonly ResultSample[];
  /** Evidence files written next to the result file, when they were. */
  readonly artifacts?: ResultArtifacts;
}

export function buildResult(input: BuildResultInput): ScenarioResultFile {
  const { ctx } = input;
  const measured = measureTimeScale(ctx.events, input.timeScale);
  const faults: ResultFaultWindow[] = [];
  for (const e of ctx.events) {
    if (e.type === 'fault:injected')
      faults.push({
        ruleId: e.ruleId,
        service: e.service,
        description: e.description,
        layer: e.layer,
        startMs: Math.round(e.atMs),
        endMs: null,
      });
    if (e.type === 'fault:cleared') {
      const open = faults.findIndex((f) => f.ruleId === e.ruleId && f.layer === e.layer && f.endMs === null);
      if (open >= 0) faults[open] = { ...faults[open], endMs: Math.round(e.atMs) };
    }
  }
  const requestCounts: Record<string, Record<string, number>> = {};
  const requests: ResultRequestPoint[] = [];
  for (const r of ctx.requests) {
    requestCounts[r.entry.service] ??= {};
    const byService = requestCounts[r.entry.service];
    const key = `${r.entry.operation} ${r.entry.status}`;
    byService[key] = (byService[key] ?? 0) + 1;
    if (requests.length < MAX_REQUEST_POINTS) {
      requests.push({
        atMs: Math.round(r.startMs),
        service: r.entry.service,
        operation: r.entry.operation,
        status: r.entry.status,
        outcome: r.entry.outcome,
        faulted: r.entry.faultRuleId !== undefined,
      });
    }
  }
  const completed = new Map(ctx.ofType('step:completed').map((e) => [e.index, e]));
  const started = new Map(ctx.ofType('step:started').map((e) => [e.index, e]));
  const steps: ResultStep[] = input.scenario.steps.map((step, index) => {
    const start = started.get(index);
    const end = completed.get(index);
    return {
      index,
      name: stepName(step, index),
      action: step.action.kind,
      startedAtMs: start ? Math.round(start.atMs) : -1,
      completedAtMs: end ? Math.round(end.atMs) : null,
      outcome: end ? end.outcome : 'not_reached',
      detail: end?.detail ?? (start ? 'started, did not complete' : 'not reached'),
    };
  });
  return {
    schemaVersion: 1,
    scenario: input.scenario.id,
    title: input.scenario.title,
    runbookRow: input.scenario.runbookRow,
    target: input.target,
    verdict: input.verdict,
    ...(input.error !== undefined ? { error: input.error } : {}),
    startedAt: input.startedAt.toISOString(),
    durationMs: Math.round(input.durationMs),
    timeScale: input.timeScale,
    ...(measured !== undefined ? { measuredTimeScale: Math.round(measured * 1_000) / 1_000 } : {}),
    seed: input.seed,
    shims: input.shims,
    ...(input.replicas !== undefined ? { replicas: input.replicas } : {}),
    assistance: ctx.ofType('target:prepared')[0]?.assistance ?? input.assistance ?? [],
    tags: input.scenario.tags,
    breakerServices: ctx.ofType('target:prepared')[0]?.breakerServices ?? {},
    promises: [...new Set(input.scenario.expectations.flatMap((e) => (e.promise ? [e.promise] : [])))].sort(),
    breakerConfig: { ...RUNBOOK_BREAKER_DEFAULTS, ...input.scenario.breakerConfig },
    targetErrors: summarizeTargetErrors(ctx.ofType('log:record')),
    targetOptions: input.targetOptions,
    versions: input.versions,
    expectations: input.expectations,
    transitions: ctx.transitions.map((t) => ({
      breaker: t.breaker,
      from: t.from,
      to: t.to,
      atMs: t.atMs,
      evidence: t.evidence,
      consistent: t.consistent,
      command: t.command,
      ...(t.replica === undefined ? {} : { replica: t.replica }),
    })),
    ledger: toResultLedger(ctx.ledger),
    faults,
    requestCounts,
    requests,
    samples: input.samples,
    steps,
    logExcerpt: excerptLog(ctx.ofType('log:record')),
    machine: { platform: `${process.platform}-${process.arch}`, cpus: cpus().length, node: process.version },
    ...(input.artifacts ? { artifacts: input.artifacts } : {}),
    ...optional('operator', buildOperatorView(ctx)),
  };
}

/**
 * The first HEAD_LOG_RECORDS and the last TAIL_LOG_RECORDS target log records, as lines
 * prefixed `[run]`/`[replay-failed]`, with one `… N records omitted …` line between them. The
 * head matters because a failing target usually repeats one error thousands of times: the tail
 * alone would show the repetition and lose the lines that explain it.
 */
export function excerptLog(
  records: readonly { readonly command: string; readonly record: string; readonly replica?: number }[],
): string[] {
  const toLines = (e: { readonly command: string; readonly record: string; readonly replica?: number }): string[] =>
    clipRecord(e.record.split('\n')).map((line) => `[${e.command}${e.replica ? ` r${e.replica}` : ''}] ${line}`);
  if (records.length <= HEAD_LOG_RECORDS + TAIL_LOG_RECORDS) return records.flatMap(toLines);
  const omitted = records.length - HEAD_LOG_RECORDS - TAIL_LOG_RECORDS;
  return [
    ...records.slice(0, HEAD_LOG_RECORDS).flatMap(toLines),
    `… ${omitted} records omitted …`,
    ...records.slice(-TAIL_LOG_RECORDS).flatMap(toLines),
  ];
}

/** A traceback's head says where, its last line says what: keep both ends. */
function clipRecord(lines: readonly string[]): readonly string[] {
  if (lines.length <= MAX_LINES_PER_RECORD) return lines;
  const head = Math.ceil(MAX_LINES_PER_RECORD / 2);
  const tail = MAX_LINES_PER_RECORD - head - 1;
  return [...lines.slice(0, head), `    … ${lines.length - head - tail} more line(s) …`, ...lines.slice(-tail)];
}
