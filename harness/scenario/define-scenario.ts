import type { Scenario } from './types.js';

/**
 * Typed identity helper: gives a scenario file type checking and editor completion.
 * Validation (validate-scenario.ts) still runs before any run, because scenarios can also
 * come from JSON files and from users' own code.
 *
 * @example
 * export default defineScenario({ id: 'rate-limit', title: '…', … });
 */
export function defineScenario<const T extends Scenario>(scenario: T): T {
  return scenario;
}
