/**
 * The harness's vocabulary, at the bottom of its layers: breaker states and the runbook defaults,
 * service names, target commands. Everything in harness/ may import it; it imports nothing above.
 */

export * from './alerts.js';
export * from './assistance.js';
export * from './breaker.js';
export * from './record-schema.js';
export * from './replica.js';
export * from './scenario-tags.js';
export * from './services.js';
export * from './target-command.js';
