/**
 * Observation: one ordered, timestamped event bus per run and the sources that feed it (target
 * log records, the fakes' journal and ingest store, the failed-batch directory, health probes).
 *
 * @example
 * const bus = createEventBus({ timeScale: 10 });
 * bus.subscribe((event) => event.type === 'breaker:transitioned' && console.log(event.from, '→', event.to));
 */
export { createEventBus, type EventBus } from './event-bus.js';
export type { EventOf, RunEvent, RunEventPayload, RunEventType } from './events.js';
export { createBreakerTracker, type BreakerTracker } from './breaker-tracker.js';
export { observeTargetProcess } from './observe-target-process.js';
export { observeFakes, recordIdOf, type ObservableFakes } from './observe-fakes.js';
export { watchFailedBatches, type FailedBatchWatcher } from './watch-failed-batches.js';
export { pollHealth, parsePrometheus, type HealthPoller } from './poll-health.js';
export { createLogClock, parseAsctime, type LogClock } from './log-clock.js';
export { measureTimeScale } from './measure-time-scale.js';
