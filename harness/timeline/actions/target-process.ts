import { defineStepAction } from '../define-step-action.js';

export const restartTargetAction = defineStepAction({
  kind: 'restart_target',
  summary: "Stop the target's run process and start it again (the runbook's Step 4 Option A).",
  fields: {},
  async run(_spec, runtime) {
    await runtime.restartTarget();
    return { text: 'target restarted' };
  },
});

export const stopTargetAction = defineStepAction({
  kind: 'stop_target',
  summary: "Stop the target's run process (SIGTERM, then SIGKILL after a grace period).",
  fields: {},
  async run(_spec, runtime) {
    await runtime.stopTarget();
    return { text: 'target stopped' };
  },
});

export const replayFailedAction = defineStepAction({
  kind: 'replay_failed',
  summary: "Run the target's replay-failed command to completion.",
  fields: {},
  async run(_spec, runtime) {
    return { text: await runtime.replayFailed(runtime.toWallMs(runtime.remainingMs())) };
  },
});
