/**
 * Runs the scenario's steps in order. A step fires at its `atMs` (target ms since the target
 * was launched; immediately if an earlier step ran past it) or when its condition holds. A
 * condition that does not hold within its `timeoutMs` is an OBSERVATION, not a crash: the step
 * is recorded as `timed_out`, its action is skipped, and the timeline goes on, so the
 * expectations can say what the target failed to do.
 *
 *   for each step:  trigger (atMs | when) ─▶ step:started ─▶ action ─▶ step:completed(done|timed_out)
 */
import { StartupTimeoutError } from '../errors.js';
import type { EventBus } from '../observe/event-bus.js';
import type { Condition, Step, StepAction } from '../scenario/types.js';
import { Wait } from '../wait/index.js';
import { pause } from '../wait/wait-strategy.js';
import { describeCondition, describeConditionState, isConditionMet } from './conditions.js';
import type { LiveState } from './live-state.js';

export interface StepActions {
  inject(fault: Extract<StepAction, { kind: 'inject' }>['fault']): Promise<void>;
  clear(faultId: string): Promise<void>;
  injectNetwork(fault: Extract<StepAction, { kind: 'inject_network' }>['fault']): Promise<void>;
  clearNetwork(faultId: string): Promise<void>;
  restartTarget(): Promise<void>;
  stopTarget(): Promise<void>;
  /** Returns a one-line outcome (summary line and exit code). */
  replayFailed(timeoutWallMs: number): Promise<string>;
}

export interface TimelineOptions {
  readonly bus: EventBus;
  readonly state: LiveState;
  readonly actions: StepActions;
  readonly signal: AbortSignal;
  /** Target ms of timeline zero on the bus clock. */
  readonly originMs: number;
  /** Target ms (timeline time) by which everything must be done. */
  readonly deadlineMs: number;
}

/** Default name of an unnamed step: `#<index> <action kind>`. */
export function stepName(step: Step, index: number): string {
  return step.name ?? `#${index} ${step.action.kind}`;
}

export async function executeTimeline(steps: readonly Step[], options: TimelineOptions): Promise<void> {
  const { bus, signal } = options;
  const timelineNow = (): number => bus.nowMs() - options.originMs;
  const toWallMs = (targetMs: number): number => targetMs / bus.timeScale;
  const remainingMs = (): number => Math.max(0, options.deadlineMs - timelineNow());

  const waitFor = async (condition: Condition, timeoutMs: number): Promise<boolean> => {
    const strategy = Wait.forCondition(describeCondition(condition), () => isConditionMet(condition, options.state), {
      timeoutMs: toWallMs(Math.min(timeoutMs, remainingMs())),
      pollMs: 50,
      wake: (notify) => bus.subscribe(() => notify()),
      describeState: () => describeConditionState(condition, options.state),
    });
    try {
      await strategy.wait(signal);
      return true;
    } catch (error) {
      if (error instanceof StartupTimeoutError) return false;
      throw error;
    }
  };

  for (const [index, step] of steps.entries()) {
    const name = stepName(step, index);
    if ('atMs' in step) {
      const waitMs = step.atMs - timelineNow();
      if (waitMs > 0) await pause(toWallMs(waitMs), signal);
    } else {
      const started = timelineNow();
      const held = await waitFor(step.when, step.timeoutMs);
      if (!held) {
        bus.emit({ type: 'step:started', index, name, action: step.action.kind });
        bus.emit({
          type: 'step:completed',
          index,
          name,
          outcome: 'timed_out',
          skipped: true,
          detail: `trigger "${describeCondition(step.when)}" did not hold within ${step.timeoutMs} ms (target; waited from ${Math.round(started)} ms); action skipped. Last seen: ${describeConditionState(step.when, options.state)}`,
        });
        continue;
      }
    }
    bus.emit({ type: 'step:started', index, name, action: step.action.kind });
    const detail = await runAction(step.action, options, waitFor, toWallMs, remainingMs);
    bus.emit({
      type: 'step:completed',
      index,
      name,
      outcome: detail.timedOut ? 'timed_out' : 'done',
      skipped: false,
      detail: detail.text,
    });
  }
}

async function runAction(
  action: StepAction,
  options: TimelineOptions,
  waitFor: (condition: Condition, timeoutMs: number) => Promise<boolean>,
  toWallMs: (targetMs: number) => number,
  remainingMs: () => number,
): Promise<{ readonly text: string; readonly timedOut?: boolean }> {
  const { actions } = options;
  switch (action.kind) {
    case 'inject':
      await actions.inject(action.fault);
      return { text: `injected ${action.fault.id}` };
    case 'clear':
      await actions.clear(action.faultId);
      return { text: `cleared ${action.faultId}` };
    case 'inject_network':
      await actions.injectNetwork(action.fault);
      return { text: `injected network fault ${action.fault.id}` };
    case 'clear_network':
      await actions.clearNetwork(action.faultId);
      return { text: `cleared network fault ${action.faultId}` };
    case 'restart_target':
      await actions.restartTarget();
      return { text: 'target restarted' };
    case 'stop_target':
      await actions.stopTarget();
      return { text: 'target stopped' };
    case 'replay_failed':
      return { text: await actions.replayFailed(toWallMs(remainingMs())) };
    case 'wait': {
      const held = await waitFor(action.until, action.timeoutMs);
      return held
        ? { text: `${describeCondition(action.until)}` }
        : {
            text: `"${describeCondition(action.until)}" did not hold within ${action.timeoutMs} ms (target). Last seen: ${describeConditionState(action.until, options.state)}`,
            timedOut: true,
          };
    }
    case 'mark':
      return { text: action.label };
  }
}
