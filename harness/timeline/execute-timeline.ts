/**
 * Runs the scenario's steps in order. A step fires at its `atMs` (target ms since the target
 * was launched; immediately if an earlier step ran past it) or when its condition holds. A
 * condition that does not hold within its `timeoutMs` is an OBSERVATION, not a crash: the step
 * is recorded as `timed_out`, its action is skipped, and the timeline goes on, so the
 * expectations can say what the target failed to do.
 *
 *   for each step:  trigger (atMs | when) ─▶ step:started ─▶ action ─▶ step:completed(done|timed_out)
 */
import { describeCondition, describeConditionState } from '../conditions/registry.js';
import type { EventBus } from '../observe/event-bus.js';
import { pause } from '../wait/wait-strategy.js';
import { runStepAction } from './registry.js';
import type { Step } from './step.js';
import type { StepRuntime } from './step-runtime.js';

export interface TimelineOptions {
  readonly bus: EventBus;
  readonly runtime: StepRuntime;
  readonly signal: AbortSignal;
  /** Target ms of timeline zero on the bus clock. */
  readonly originMs: number;
}

/** Default name of an unnamed step: `#<index> <action kind>`. */
export function stepName(step: Step, index: number): string {
  return step.name ?? `#${index} ${step.action.kind}`;
}

export async function executeTimeline(steps: readonly Step[], options: TimelineOptions): Promise<void> {
  const { bus, runtime, signal } = options;
  const timelineNow = (): number => bus.nowMs() - options.originMs;
  for (const [index, step] of steps.entries()) {
    const name = stepName(step, index);
    if ('atMs' in step) {
      const waitMs = step.atMs - timelineNow();
      if (waitMs > 0) await pause(runtime.toWallMs(waitMs), signal);
    } else {
      const started = timelineNow();
      if (!(await runtime.waitFor(step.when, step.timeoutMs))) {
        const detail =
          `trigger "${describeCondition(step.when)}" did not hold within ${step.timeoutMs} ms ` +
          `(target; waited from ${Math.round(started)} ms); action skipped. ` +
          `Last seen: ${describeConditionState(step.when, runtime.state)}`;
        bus.emit({ type: 'step:started', index, name, action: step.action.kind });
        bus.emit({ type: 'step:completed', index, name, outcome: 'timed_out', skipped: true, detail });
        continue;
      }
    }
    bus.emit({ type: 'step:started', index, name, action: step.action.kind });
    const outcome = await runStepAction(step.action, runtime);
    const result = outcome.timedOut ? 'timed_out' : 'done';
    bus.emit({ type: 'step:completed', index, name, outcome: result, skipped: false, detail: outcome.text });
  }
}
