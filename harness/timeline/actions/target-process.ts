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
  summary: "Run the target's replay-failed command to completion (the run process keeps running).",
  fields: {},
  async run(_spec, runtime) {
    return { text: await runtime.runOnce('replay-failed', runtime.toWallMs(runtime.remainingMs())) };
  },
});

/** The connector's one-shot `ingest`: one cycle, then exit, as a CI job or a cron entry runs it. */
export const runIngestAction = defineStepAction({
  kind: 'run_ingest',
  summary: "Run the target's one-shot ingest command (one cycle, then exit) to completion.",
  fields: {},
  async run(_spec, runtime) {
    return { text: await runtime.runOnce('ingest', runtime.toWallMs(runtime.remainingMs())) };
  },
});
