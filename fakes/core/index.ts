/** Public surface of the fakes' shared core. Nothing here names a particular service. */

export { type Clock, type ClockTimer, ManualClock, ScaledClock, SystemClock } from './clock.js';
export {
  type ControlApiTarget,
  type ControlMethod,
  type ControlReply,
  type ControlRequest,
  type ControlRoute,
  defineControlRoute,
  readQueryInteger,
  type StartedControlApi,
  startControlApi,
} from './control-api.js';
export { ChaosApiError, DuplicateFaultRuleError, InvalidFaultRuleError } from './errors.js';
export { type FakeServerOptions, type StartedFakeServer, startFakeServer } from './fake-server.js';
export {
  defineFakeService,
  type FakeListener,
  type FakeServiceDeps,
  type FakeServiceInstance,
  type FakeServiceModule,
} from './fake-service.js';
export {
  type FaultDecision,
  FaultEngine,
  type FaultEngineOptions,
  type FaultRuleReport,
  type FaultRuleValidation,
  validateFaultRuleSpec,
} from './fault-engine.js';
export {
  defineFaultKind,
  type FaultContext,
  type FaultKindDefinition,
  type FaultOutcome,
  type FaultStage,
} from './faults/fault-kind.js';
export { getFaultKind, listFaultKinds } from './faults/registry.js';
export { Journal, type JournalCounts, type JournalOptions } from './journal.js';
export { createRunCertificates, type RunCertificates } from './tls.js';
export * from './types.js';
