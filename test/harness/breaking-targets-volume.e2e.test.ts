/**
 * Volume (issue 13): backlog-drain fails against a reference that reads only the first list page,
 * naming backlog_drained with the records beyond page one it never delivered.
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

describe.concurrent('a reference that reads only the first list page fails backlog-drain', () => {
  itFailsOnEachCase(CASES);
});
