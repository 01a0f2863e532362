/**
 * Rule files → the plain rule files promtool reads, and the rules they hold.
 *
 *   path (file | dir) ─▶ YAML documents ─▶ plain `groups:` file, or a PrometheusRule's spec.groups
 *                     ─▶ <outDir>/NN-<name>.rules.yml ─▶ `promtool check rules` ─▶ AlertRule[]
 *
 * A named file must hold rules; in a directory only YAML files that hold `groups` (plain or in a
 * PrometheusRule) count, so a deployment folder can be passed whole. A file promtool rejects, or
 * YAML that does not parse, is a usage error naming the file and promtool's (or the parser's) words.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import type { AlertRule, AlertRuleSource } from '../domain/alerts.js';
import { UsageError } from '../errors.js';
import { parsePrometheusDurationMs } from './prometheus-duration.js';
import { resolvePromtool, runPromtool } from './promtool.js';
import { ruleMetrics } from './rule-metrics.js';

export interface LoadedAlertRules {
  readonly sources: readonly AlertRuleSource[];
  readonly rules: readonly AlertRule[];
}

interface RuleGroups {
  readonly origin: string;
  readonly groups: unknown[];
}

const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.venv', 'venv', '__pycache__', '.tox']);

/** YAML files below `dir`, sorted, hidden and dependency folders skipped. */
export function listYamlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) {
        if (!SKIPPED_DIRS.has(name)) walk(path);
      } else if (/\.ya?ml$/i.test(name)) out.push(path);
    }
  };
  walk(dir);
  return out;
}

/** The rule groups in one file's text: every plain `groups:` document and every PrometheusRule. */
export function readRuleGroups(path: string, text: string, required: boolean): RuleGroups[] {
  const documents = parseAllDocuments(text);
  const found: RuleGroups[] = [];
  const list = Array.isArray(documents) ? documents : [documents];
  for (const doc of list) {
    if (doc.errors.length > 0) {
      if (!required && !/^\s*groups\s*:/m.test(text)) return [];
      throw new UsageError(
        `Failed to load alert rules from ${path}: the YAML does not parse (${doc.errors[0].message.split('\n')[0]}). ` +
          'Fix the file or leave it out of --alert-rules.',
      );
    }
    const value = doc.toJS() as unknown;
    if (typeof value !== 'object' || value === null) continue;
    const record = value as Record<string, unknown>;
    if (record.kind === 'PrometheusRule') {
      const spec = record.spec as Record<string, unknown> | undefined;
      const name = (record.metadata as Record<string, unknown> | undefined)?.name;
      found.push({ origin: `PrometheusRule ${String(name ?? '(unnamed)')}`, groups: asList(spec?.groups) });
    } else if (isRuleGroupList(record.groups)) found.push({ origin: 'rule file', groups: record.groups });
  }
  if (required && found.length === 0)
    throw new UsageError(
      `Failed to load alert rules from ${path}: it holds neither a top-level \`groups:\` list nor a PrometheusRule. ` +
        'Pass a Prometheus rule file or a manifest with kind: PrometheusRule.',
    );
  return found;
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** A Prometheus rule file's shape: a non-empty list of groups, each with a `rules` list. */
const isRuleGroupList = (value: unknown): value is unknown[] =>
  Array.isArray(value) &&
  value.length > 0 &&
  value.every((g) => typeof g === 'object' && g !== null && Array.isArray((g as Record<string, unknown>).rules));

/**
 * Loads every rule file under `paths` into `outDir`, each checked by `promtool check rules`.
 * Throws UsageError (exit 2) naming the file and promtool's message for a malformed one.
 */
export async function loadAlertRules(paths: readonly string[], outDir: string): Promise<LoadedAlertRules> {
  const inputs: { path: string; required: boolean }[] = [];
  for (const path of paths) {
    const absolute = resolve(path);
    let isDir: boolean;
    try {
      isDir = statSync(absolute).isDirectory();
    } catch {
      throw new UsageError(`Failed to load alert rules from ${path}: no such file or directory. Check --alert-rules.`);
    }
    if (isDir) for (const file of listYamlFiles(absolute)) inputs.push({ path: file, required: false });
    else inputs.push({ path: absolute, required: true });
  }
  const sources: AlertRuleSource[] = [];
  const rules: AlertRule[] = [];
  if (inputs.length === 0) return { sources, rules };
  await mkdir(outDir, { recursive: true });
  let promtool: string | undefined;
  for (const input of inputs) {
    const text = readFileSync(input.path, 'utf8');
    const documents = readRuleGroups(input.path, text, input.required);
    for (const found of documents) {
      promtool ??= resolvePromtool();
      // A plain one-document rule file goes to promtool as it is, so its line numbers are the user's.
      const asIs = found.origin === 'rule file' && documents.length === 1 && !/^---/m.test(text);
      const ruleFile = asIs
        ? input.path
        : join(outDir, `${String(sources.length + 1).padStart(2, '0')}-${basename(input.path)}.rules.yml`);
      if (!asIs) await writeFile(ruleFile, stringify({ groups: found.groups }));
      const check = await runPromtool(promtool, ['check', 'rules', ruleFile]);
      if (check.code !== 0)
        throw new UsageError(
          `Failed to load alert rules from ${input.path} (${found.origin}): promtool check rules said:\n` +
            `${check.output.trim().replaceAll(ruleFile, input.path)}\nFix the rule file.`,
        );
      sources.push({ path: input.path, origin: found.origin, ruleFile });
      rules.push(...rulesOf(input.path, found.groups));
    }
  }
  return { sources, rules };
}

/** The rules of checked groups (promtool already vouched for their shape). */
function rulesOf(source: string, groups: readonly unknown[]): AlertRule[] {
  const out: AlertRule[] = [];
  for (const group of groups as Record<string, unknown>[]) {
    for (const rule of asList(group.rules) as Record<string, unknown>[]) {
      const expr = String(rule.expr ?? '');
      const isAlert = typeof rule.alert === 'string';
      out.push({
        source,
        group: String(group.name ?? ''),
        kind: isAlert ? 'alert' : 'record',
        name: String(isAlert ? rule.alert : rule.record),
        expr,
        forMs: typeof rule.for === 'string' ? (parsePrometheusDurationMs(rule.for) ?? 0) : 0,
        labels: stringRecord(rule.labels),
        annotations: stringRecord(rule.annotations),
        metrics: ruleMetrics(expr),
      });
    }
  }
  return out;
}

const stringRecord = (value: unknown): Record<string, string> =>
  typeof value === 'object' && value !== null
    ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]))
    : {};
