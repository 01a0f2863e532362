/**
 * The external services the connector talks to, as the fakes name them (fakes/core/types.ts keeps
 * the one list; this module re-exports it so the harness never spells it out again).
 */
export { SERVICE_NAMES, type ServiceName } from '../../fakes/core/types.js';
