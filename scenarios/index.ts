/**
 * Registry of scenarios by id. Network scenarios (scenarios/network/*.ts, another module) are
 * loaded with a tolerant dynamic import, so the registry works before they exist.
 *
 * @example getScenario('rate-limit')?.title
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../harness/scenario/types.js';
import authFailure from './auth-failure.js';
import rateLimit from './rate-limit.js';
import sentinelOutage from './sentinel-outage.js';

const NETWORK_SCENARIO_FILES = ['keyvault-network', 'sentinel-latency', 's3-flaky-network'] as const;

/** Loads `./network/<name>.ts` when the file exists; a file that exists but fails to load is loud. */
async function loadOptional(name: string): Promise<Scenario | null> {
  const url = new URL(`./network/${name}.ts`, import.meta.url);
  if (!existsSync(fileURLToPath(url))) return null;
  const module = (await import(/* @vite-ignore */ url.href)) as { default?: Scenario };
  return module.default ?? null;
}

const networkScenarios = (await Promise.all(NETWORK_SCENARIO_FILES.map(loadOptional))).filter((s): s is Scenario => s !== null);

const SCENARIOS: readonly Scenario[] = [rateLimit, sentinelOutage, authFailure, ...networkScenarios];

export function listScenarios(): Scenario[] {
  return [...SCENARIOS];
}

export function getScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
