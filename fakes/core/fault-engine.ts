/**
 * The single fault engine every fake shares: holds the rules, decides which one (if any) applies
 * to a classified request, and keeps each rule's `matched` / `applied` counters.
 *
 *   request ─▶ classify ─▶ engine.decide ─┬─ undefined ─▶ passthrough (service answers)
 *                                         └─ { rule, effect } ─▶ fault kind ─▶ outcome
 *
 * Rules are consulted in the order they were added. Every rule whose target matches counts the
 * request as `matched` until one rule's schedule fires; that rule is `applied` and later rules are
 * not consulted. Rule times (latency, jitter, windows) are TARGET ms: the engine divides them by
 * `timeScale` to get wall ms on its clock.
 *
 * @example
 *   const engine = new FaultEngine({ clock: new SystemClock(), seed: 42 });
 *   engine.add({ target: { service: 's3', operation: 'GetObject' }, effect: { kind: 'http_error', status: 503 },
 *                schedule: { kind: 'first', count: 2 } });
 */
import type { Clock } from './clock.js';
import { DuplicateFaultRuleError, InvalidFaultRuleError } from './errors.js';
import { type ActiveRule, createActiveRule, type FaultRuleReport, reportRule } from './fault-rule-state.js';
import { matchesTarget } from './match-target.js';
import type { ClassifiedRequest, FaultEffect, FaultRuleSpec, ServiceName } from './types.js';
import { validateFaultRuleSpec } from './validate-fault-rule.js';

export type { FaultRuleReport } from './fault-rule-state.js';
export type { FaultRuleValidation } from './validate-fault-rule.js';
export { validateFaultRuleSpec } from './validate-fault-rule.js';

export interface FaultEngineOptions {
  readonly clock: Clock;
  /** Run seed; probability schedules and jitter derive their per-rule seeds from it. Default 1. */
  readonly seed?: number;
  /** Target time runs this many times faster than the clock. Default 1. */
  readonly timeScale?: number;
  /** Removed rules kept for reporting (`removedRules()`). Default 1_000. */
  readonly historyCapacity?: number;
}

/** The engine's answer for one request. */
export interface FaultDecision {
  readonly rule: FaultRuleReport;
  readonly effect: FaultEffect;
  /** The rule's seeded uniform source, for effects that draw (latency jitter). */
  readonly random: () => number;
}

export class FaultEngine {
  readonly clock: Clock;
  readonly seed: number;
  readonly timeScale: number;
  private readonly rules = new Map<string, ActiveRule>();
  private readonly history: ActiveRule[] = [];
  private readonly historyCapacity: number;
  private readonly removedListeners = new Set<(id: string) => void>();
  private nextId = 1;

  constructor(options: FaultEngineOptions) {
    this.clock = options.clock;
    this.seed = options.seed ?? 1;
    this.timeScale = options.timeScale ?? 1;
    this.historyCapacity = options.historyCapacity ?? 1_000;
    if (!(this.timeScale > 0) || !Number.isFinite(this.timeScale)) {
      throw new RangeError(
        `Failed to create the fault engine: timeScale must be a finite number > 0, got ${options.timeScale}.`,
      );
    }
  }

  /** Validates and adds a rule. Throws `InvalidFaultRuleError` (400) or `DuplicateFaultRuleError` (409). */
  add(input: FaultRuleSpec): FaultRuleReport {
    const result = validateFaultRuleSpec(input);
    if (!result.ok) throw new InvalidFaultRuleError(result.problems);
    const spec = structuredClone(result.spec);
    if (spec.id !== undefined && this.rules.has(spec.id)) throw new DuplicateFaultRuleError(spec.id);
    const id = spec.id ?? this.generateId();
    const rule = createActiveRule(spec, id, this.clock.now(), this.seed);
    this.rules.set(id, rule);
    return reportRule(rule);
  }

  /** Removes a rule; requests it holds (hang) are released. False when no such rule is active. */
  remove(id: string): boolean {
    const rule = this.rules.get(id);
    if (!rule) return false;
    this.rules.delete(id);
    rule.removedAtMs = this.clock.now();
    this.history.push(rule);
    if (this.history.length > this.historyCapacity) this.history.shift();
    for (const listener of [...this.removedListeners]) listener(id);
    return true;
  }

  /** Active rules in the order they are consulted. */
  list(): FaultRuleReport[] {
    return [...this.rules.values()].map(reportRule);
  }

  get(id: string): FaultRuleReport | undefined {
    const rule = this.rules.get(id);
    return rule && reportRule(rule);
  }

  /** Rules removed so far (most recent last), with their final counters. */
  removedRules(): FaultRuleReport[] {
    return this.history.map(reportRule);
  }

  /** Every rule, active or removed, that no request matched. */
  unmatchedRules(): FaultRuleReport[] {
    return [...this.history, ...this.rules.values()].filter((rule) => rule.matched === 0).map(reportRule);
  }

  /** Removes every active rule. */
  clear(): void {
    for (const id of [...this.rules.keys()]) this.remove(id);
  }

  /** Decides, and counts, which rule applies to this request. Pure apart from the counters. */
  decide(service: ServiceName, classified: ClassifiedRequest): FaultDecision | undefined {
    for (const rule of this.rules.values()) {
      if (!matchesTarget(rule.spec.target, service, classified)) continue;
      rule.matched += 1;
      const elapsedTargetMs = (this.clock.now() - rule.addedAtMs) * this.timeScale;
      if (!rule.schedule.fires(rule.matched, elapsedTargetMs)) continue;
      rule.applied += 1;
      return { rule: reportRule(rule), effect: rule.spec.effect, random: rule.random };
    }
    return undefined;
  }

  /** Calls `listener(id)` whenever a rule is removed; returns the unsubscribe function. */
  onRemoved(listener: (id: string) => void): () => void {
    this.removedListeners.add(listener);
    return () => this.removedListeners.delete(listener);
  }

  /** True while the rule is active. */
  has(id: string): boolean {
    return this.rules.has(id);
  }

  /** Target ms → wall ms on this engine's clock. */
  toWallMs(targetMs: number): number {
    return targetMs / this.timeScale;
  }

  private generateId(): string {
    let id: string;
    do id = `rule-${this.nextId++}`;
    while (this.rules.has(id));
    return id;
  }
}
