/**
 * Tags select parts of the suite (`npm run gate -- --tag quick`). The list is closed so that a
 * typo in a scenario or on the command line is an error, not an empty selection.
 */
export const SCENARIO_TAGS = {
  sentinel: 'faults on the Logs Ingestion upload path',
  keyvault: 'faults on Key Vault secret reads',
  s3: 'faults on S3 listing and reading',
  network: 'faults injected by Toxiproxy (needs toxiproxy-server from npm run setup)',
  breaker: 'judges circuit-breaker transitions, bounds and rejections',
  replay: 'judges replay-failed and the failed-batch files',
  integrity: 'judges record integrity and steady state without a breaker fault',
  store: "faults on the target's failed-batch store (unwritable, full, vanished; the full store needs root)",
  volume: 'more than one list page of objects: backlog drain, throughput and paging',
  quick: 'a fast cross-section of the suite: about a minute of wall time at --time-scale 10',
} as const;

export type ScenarioTag = keyof typeof SCENARIO_TAGS;
export const SCENARIO_TAG_NAMES = Object.keys(SCENARIO_TAGS) as ScenarioTag[];
