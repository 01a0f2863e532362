/** Names the run gives the target (TargetContext); fixed so result files compare across runs. */
export const RUN_BUCKET = 'chaos-logs';
export const RUN_PREFIX = 'logs/';
export const RUN_RULE_ID = 'dcr-00000000000000000000000000c4a05';
export const RUN_STREAM = 'Custom-ChaosFirewall_CL';
export const RUN_SECRET_NAME = 'sentinel-shared-key';
export const RUN_SECRET_VALUE = 'chaos-secret-value';

/** Wall ms the target gets to answer /health after launch. */
export const READINESS_TIMEOUT_MS = 60_000;
/** Wall ms the target gets to exit after SIGTERM before SIGKILL. */
export const STOP_GRACE_MS = 10_000;
