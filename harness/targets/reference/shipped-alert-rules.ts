/**
 * The reference's own rule file (alert-rules.yml), as the run hands it to the harness: written to
 * the work dir, with the `no_alert_rule` and `misspelt_rule_metric` test knobs applied to it.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import type { FaultsForTesting } from './faults-for-testing.js';

export const REFERENCE_ALERT_RULES_PATH = fileURLToPath(new URL('./alert-rules.yml', import.meta.url));
export const BREAKER_ALERT = 'CircuitBreakerOpen';
export const BREAKER_GAUGE = 's3_sentinel_circuit_breaker_state';

interface RuleFile {
  groups: { name: string; rules: { alert?: string; expr: string }[] }[];
}

/** Writes the rule file the run evaluates into `workDir`; returns its path. */
export async function writeShippedAlertRules(workDir: string, faults: FaultsForTesting): Promise<string> {
  const file = parse(readFileSync(REFERENCE_ALERT_RULES_PATH, 'utf8')) as RuleFile;
  for (const group of file.groups) {
    if (faults.noAlertRule === true) group.rules = group.rules.filter((r) => r.alert !== BREAKER_ALERT);
    if (faults.misspeltRuleMetric === true)
      for (const rule of group.rules)
        if (rule.alert === BREAKER_ALERT)
          rule.expr = rule.expr.replace(BREAKER_GAUGE, 's3_sentinel_circuit_breaker_sate');
  }
  const path = join(workDir, 'reference-alert-rules.yml');
  await writeFile(path, stringify(file));
  return path;
}
