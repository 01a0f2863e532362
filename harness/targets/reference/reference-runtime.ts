/**
 * What a command runs with, injected by main.ts (and by tests): the clock, the logger, the
 * environment block of the fakes, and stdout for the lines callers read.
 */
import type { Clock } from '../../../fakes/core/clock.js';
import type { ConnectorLog } from './connector-logger.js';

export type ReferenceCommand = 'run' | 'ingest' | 'replay-failed';

export interface ReferenceRuntime {
  readonly clock: Clock;
  readonly log: ConnectorLog;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (line: string) => void;
}

/** main.ts refuses to start without these variables; a caller that skips it gets a clear error. */
export function requiredEnv(env: ReferenceRuntime['env'], name: string): string {
  const value = env[name];
  if (value === undefined) throw new Error(`Failed to start: environment variable ${name} is not set.`);
  return value;
}
