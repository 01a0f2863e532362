/**
 * Scenario data. A scenario is typed data, validated (validate-scenario.ts) before anything
 * starts. All times are TARGET milliseconds since the target became ready; the runner divides
 * them by `--time-scale` to get wall time. Steps, conditions and expectations are the unions of
 * their registries (timeline/, conditions/, expectations/), so a new kind needs no edit here.
 */
import type { BreakerConfig } from '../domain/breaker.js';
import type { ScenarioTag } from '../domain/scenario-tags.js';
import type { ServiceName } from '../domain/services.js';
import type { Expectation } from '../expectations/registry.js';
import type { SeedSpec } from '../seed/seed-spec.js';
import type { Step } from '../timeline/step.js';

export interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The runbook row this scenario checks, quoted or cited. */
  readonly runbookRow: string;
  /** Selection tags (`npm run gate -- --tag quick`); see harness/domain/scenario-tags.ts. */
  readonly tags: readonly ScenarioTag[];
  /**
   * The breaker configuration under test (runbook Step 4 Option B), over the runbook defaults.
   * The target is asked to run with it, and the scenario's bounds derive from it.
   */
  readonly breakerConfig?: Partial<BreakerConfig>;
  readonly seed: SeedSpec;
  /** Total scenario budget in target ms; the run is an error if it is exceeded. */
  readonly deadlineMs: number;
  readonly steps: readonly Step[];
  readonly expectations: readonly Expectation[];
  /** Services to put behind Toxiproxy (only when network faults are used). */
  readonly networkServices?: readonly ServiceName[];
  /** Target options this scenario needs (e.g. aws batch size); users' --target-option wins. */
  readonly targetOptions?: Readonly<Record<string, string>>;
  /** Poll interval for the target's `run` loop, target ms (default 1_000). */
  readonly pollIntervalMs?: number;
  /** How the S3 bucket behaves beyond serving objects. */
  readonly s3?: {
    /**
     * Each object is deleted this many target ms after its first successful GET (a lifecycle rule, or
     * a shipper that moves processed objects), so a batch lost after a failure cannot be read again.
     */
    readonly expireAfterFirstReadMs?: number;
  };
}

export type { Condition } from '../conditions/registry.js';
export type { Expectation } from '../expectations/registry.js';
export type { NetworkFaultSpec, NetworkToxicKind } from '../network/network-fault-spec.js';
export type { SeedSpec } from '../seed/seed-spec.js';
export type { StepAction } from '../timeline/registry.js';
export type { Step, StepTrigger } from '../timeline/step.js';
