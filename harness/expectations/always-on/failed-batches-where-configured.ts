import { defineAlwaysOnCheck } from './define-always-on-check.js';

const MAX_LISTED = 10;

/**
 * What is configured must be what is used: failed-batch files appear in the directory the target
 * was configured with, and nowhere else in its working directories. A connector that writes its
 * default path whatever the setting says is caught here even when nothing else fails, because the
 * harness watches the configured path and scans the working directories beside it.
 * Returns null when no batch was stored anywhere (nothing to judge).
 */
export const failedBatchesWhereConfigured = defineAlwaysOnCheck({
  kind: 'failed_batches_where_configured',
  summary: 'Failed-batch files appear in the configured directory and nowhere else the harness watches.',
  promise: 'configuration-honoured',
  evaluate(ctx) {
    const stray = ctx.ofType('batch-file:stray');
    const inConfigured = ctx.ofType('batch-file:created');
    const storedLogged = ctx.ofType('batch:logged').filter((e) => e.outcome === 'stored');
    if (stray.length === 0 && inConfigured.length === 0 && storedLogged.length === 0) return null;
    const configured = ctx.ofType('target:prepared')[0]?.failedBatchesDir ?? '(the configured directory)';
    const evidence = [`configured: ${configured}; ${inConfigured.length} file(s) appeared there`];
    for (const e of stray.slice(0, MAX_LISTED)) evidence.push(`elsewhere: ${e.path} (${e.recordIds.length} record(s))`);
    if (stray.length > MAX_LISTED) evidence.push(`… ${stray.length - MAX_LISTED} more file(s) elsewhere`);
    const unseen = inConfigured.length === 0 && stray.length === 0 && storedLogged.length > 0;
    if (unseen)
      evidence.push(
        `the target logged ${storedLogged.length} stored batch(es), e.g. ${storedLogged[0].line.split('\n')[0]}, ` +
          'but no file appeared where the harness looked',
      );
    const passed = stray.length === 0 && !unseen;
    return {
      name: 'failed batches written where configured',
      passed,
      expected: `every failed-batch file in ${configured}`,
      observed: passed
        ? `${inConfigured.length} file(s), all in the configured directory`
        : unseen
          ? 'stored batches logged, no file found'
          : `${stray.length} file(s) written outside the configured directory`,
      evidence,
    };
  },
});
