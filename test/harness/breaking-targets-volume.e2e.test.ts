/**
 * Volume (issue 13): backlog-drain fails against a reference that reads only the first list page,
 * naming backlog_drained with the records beyond page one it never delivered.
 *
 * Skipped, with the scenario left out of scenarios/index.ts: on the default reference at ×10 the
 * backlog does not drain within its bound yet (about 50 records/s of wall time once uploads start,
 * see README "Volume"), so a failure here would not come from the broken option alone.
 */
import { describe } from 'vitest';
import { type BreakingCase, itFailsOnEachCase } from './helpers/breaking-cases.js';

const CASES: readonly BreakingCase[] = [
  {
    scenario: 'backlog-drain',
    option: { first_list_page_only: 'true' },
    kind: 'backlog_drained',
    promise: 'backlog-drained',
    observed: /"undeliveredBeyondFirstPage":[1-9]/,
    evidence: /never delivered: record \d+ in \S+ \(list page [2-9]\)/,
  },
];

describe.skip('a reference that reads only the first list page fails backlog-drain', () => {
  itFailsOnEachCase(CASES);
});
