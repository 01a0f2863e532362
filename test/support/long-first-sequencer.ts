/**
 * Starts the end-to-end files that take minutes first, so they run beside everything else instead
 * of after it. vitest orders files by the durations it cached on earlier runs; a fresh CI clone has
 * no cache and would otherwise start the tiny real-time witness file last.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Files known to run longest (minutes of target time), longest first. */
const LONG_RUNNING = [
  'real-time-witness.e2e.test.ts',
  'gate.e2e.test.ts',
  'container-target.e2e.test.ts',
  'packed-cli.e2e.test.ts',
  'breaking-targets-',
];

const rank = (spec: TestSpecification): number => {
  const index = LONG_RUNNING.findIndex((name) => spec.moduleId.includes(name));
  return index === -1 ? LONG_RUNNING.length : index;
};

export class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}
