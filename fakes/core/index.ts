/** Public surface of the fakes' shared core. */
export * from './types.js';
export { SystemClock, ManualClock, ScaledClock, type Clock, type ClockTimer } from './clock.js';
export { createRunCertificates, type RunCertificates } from './tls.js';
export { FaultEngine, validateFaultRuleSpec, type FaultEngineOptions, type FaultDecision, type FaultRuleReport, type FaultRuleValidation } from './fault-engine.js';
export { Journal, type JournalOptions, type JournalCounts } from './journal.js';
export { startFakeServer, type FakeServerOptions, type StartedFakeServer } from './fake-server.js';
export { startControlApi, type ControlApiTarget, type StartedControlApi } from './control-api.js';
export { ChaosApiError, InvalidFaultRuleError, DuplicateFaultRuleError } from './errors.js';
export { registerFaultKind, getFaultKind, listFaultKinds } from './faults/registry.js';
export type { FaultKindDefinition, FaultContext, FaultOutcome } from './faults/fault-kind.js';
