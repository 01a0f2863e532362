/**
 * Observation: one ordered, timestamped event bus per run and the sources that feed it (target
 * log records, the fakes' journal and ingest store, the failed-batch directory, health probes).
 *
 * @example
 * const bus = createEventBus({ timeScale: 10 });
 * bus.subscribe((event) => event.type === 'breaker:transitioned' && console.log(event.from, '→', event.to));
 */

export { type BreakerTracker, createBreakerTracker } from './breaker-tracker.js';
export { createEventBus, type EventBus } from './event-bus.js';
export type { EventOf, RunEvent, RunEventPayload, RunEventType } from './events.js';
export { createLogClock, type LogClock } from './log-clock.js';
export { measureTimeScale } from './measure-time-scale.js';
export { type ObservableFakes, observeFakes, originOf } from './observe-fakes.js';
export { observeTargetProcess } from './observe-target-process.js';
export { type ExposedSamples, metricNameOf, parseExposition, seriesKey } from './parse-exposition.js';
export { type HealthPoller, pollHealth } from './poll-health.js';
export { combineWatchers, type FailedBatchWatcher, watchFailedBatches } from './watch-failed-batches.js';
