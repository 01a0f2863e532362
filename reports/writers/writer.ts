import type { ScenarioResultFile } from '../../harness/result/result-schema.js';
import type { ShardInfo } from '../summary/gate-summary.js';

/** What every writer receives. Results are already sorted by scenario id. */
export interface WriterInput {
  readonly results: readonly ScenarioResultFile[];
  /** The shared out dir; a writer writes only inside `<outDir>/<writer name>/`. */
  readonly outDir: string;
  /** From package.json at write time (results also carry the version that produced them). */
  readonly harnessVersion: string;
  readonly generatedAt: Date;
  /** Scenario ids the run was meant to cover; ids without a result count as missing. */
  readonly suite?: readonly string[];
  readonly shard?: ShardInfo;
}

/**
 * A report writer (style practice 9): a name, typed options, one output folder
 * (`<outDir>/<name>/`), written once from the finished results. It never deletes the shared
 * parent folder or another writer's folder.
 */
export interface ReportWriter<Options> {
  readonly name: string;
  /** Writes its files and returns their paths. */
  write(input: WriterInput, options: Options): Promise<string[]>;
}
