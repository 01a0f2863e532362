/**
 * Store faults end to end (issue 13): store-unwritable fails against a reference that drops a
 * batch it cannot store (no_silent_loss) or logs its records (no_canary_in_logs); a store fault on
 * a target that cannot say where its store is stops the run as a usage error; and no mount is left
 * behind after a pass, a failure, a deadline or Ctrl-C. Runs one at a time: the mount checks read
 * the machine's mount table.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../../harness/errors.js';
import type { Scenario } from '../../../harness/scenario/types.js';
import type { PreparedTarget } from '../../../harness/targets/target.js';
import { getScenario } from '../../../scenarios/index.js';
import { itFailsOnEachCase } from '../helpers/breaking-cases.js';
import { runCli } from '../helpers/run-cli.js';
import { expectNothingLeft, trackedRun } from '../helpers/tracked-run.js';

const hideStore = vi.hoisted(() => ({ on: false }));

// A target that cannot say where its store is: the reference with its failedBatchesDir blanked.
vi.mock('../../../harness/targets/reference/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../harness/targets/reference/index.js')>();
  return {
    ...original,
    referenceTarget: {
      ...original.referenceTarget,
      async prepare(context: Parameters<typeof original.referenceTarget.prepare>[0]): Promise<PreparedTarget> {
        const prepared = await original.referenceTarget.prepare(context);
        if (!hideStore.on) return prepared;
        return new Proxy(prepared, {
          get: (target, key) => (key === 'failedBatchesDir' ? '' : Reflect.get(target, key, target)),
        });
      },
    },
  };
});

/** Mount points the harness makes for store faults (work dirs and tmpfs dirs are `chaos-…`). */
async function chaosMounts(): Promise<string[]> {
  const table = await readFile('/proc/self/mountinfo', 'utf8');
  return table
    .split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .filter((point) => point.includes('/chaos-store-'));
}

const rootOnly = typeof process.getuid === 'function' && process.getuid() === 0;

describe.sequential('store faults', () => {
  let before: string[];
  beforeAll(async () => {
    before = await chaosMounts();
  });
  const expectNoNewMounts = async (): Promise<void> => {
    const now = await chaosMounts();
    expect(now.filter((m) => !before.includes(m))).toEqual([]);
  };

  describe('a reference that drops or logs what it cannot store fails the expectation for it', () => {
    itFailsOnEachCase([
      {
        scenario: 'store-unwritable',
        option: { drop_unstorable_batches: 'true' },
        kind: 'no_silent_loss',
        promise: 'unstorable-batches-not-lost-silently',
        observed: /"lost":[1-9]\d*,"loudSignals":0/,
        evidence: /no loud signal/,
      },
      {
        scenario: 'store-unwritable',
        option: { log_records_on_store_failure: 'true' },
        kind: 'no_canary_in_logs',
        promise: 'no-secrets-in-logs',
        observed: /log record\(s\) leaked: /,
        evidence: /^@[\d.]+s run stderr: .*\[canary:[a-z-]+\]/,
      },
    ]);
  });

  it('a store fault on a target whose store is unknown is a usage error naming the step', async () => {
    hideStore.on = true;
    try {
      const run = await trackedRun(getScenario('store-unwritable')!);
      expect(run.error).toBeInstanceOf(UsageError);
      expect((run.error as Error).message).toMatch(/Failed to prepare store faults for step\(s\) "store-broken"/);
      await expectNothingLeft(run);
    } finally {
      hideStore.on = false;
    }
  });

  it.runIf(rootOnly)('store-full leaves no mount after a pass', async () => {
    const run = await trackedRun(getScenario('store-full')!);
    expect(run.result?.verdict, JSON.stringify(run.result?.expectations.filter((e) => !e.passed))).not.toBe('error');
    expect(run.events.some((e) => e.type === 'fault:injected' && e.layer === 'store')).toBe(true);
    await expectNoNewMounts();
    await expectNothingLeft(run);
  });

  it.runIf(rootOnly)('store-full leaves no mount when its run reaches the deadline mid-fault', async () => {
    const full = getScenario('store-full')!;
    // The store never comes back: the run hits its deadline with the tmpfs still mounted.
    const deadlineMs = 30_000;
    // A condition that cannot hold: the wait runs from the fault (10 s in) until the deadline cuts
    // it, so the run ends at its deadline with the store still full and the tmpfs mounted.
    const never = {
      atMs: 0,
      name: 'never',
      action: {
        kind: 'wait',
        until: { kind: 'breaker_transitions_at_least', breaker: 'azure-sentinel', to: 'CLOSED', count: 1_000 },
        timeoutMs: deadlineMs,
      },
    } as const;
    const scenario: Scenario = {
      ...full,
      deadlineMs,
      seed: { ...full.seed, arrivals: full.seed.arrivals?.filter((a) => a.atMs <= deadlineMs) },
      steps: [...full.steps.slice(0, 2), never],
      expectations: [{ kind: 'ledger', maxLost: 0 }],
    };
    const run = await trackedRun(scenario);
    // The engine cuts the last wait at the deadline, so the run ends judged (failed: records are
    // stuck behind the outage) rather than errored; either way the fault was still active.
    expect(run.result?.verdict, String(run.error)).toMatch(/^(failed|error)$/);
    expect(run.result?.steps?.find((s) => s.name === 'never')?.completedAtMs ?? deadlineMs).toBeGreaterThanOrEqual(
      deadlineMs - 1_000,
    );
    await expectNoNewMounts();
    await expectNothingLeft(run);
  });

  it.runIf(rootOnly)('store-full leaves no mount after Ctrl-C mid-fault', async () => {
    const out = await mkdtemp(join(tmpdir(), 'chaos-test-out-'));
    try {
      const cli = runCli(['store-full', '--time-scale', '10', '--verbose', '--out', out]);
      await cli.waitForStderr(/step store-broken: done/);
      expect((await chaosMounts()).filter((m) => !before.includes(m)).length).toBeGreaterThan(0);
      cli.child.kill('SIGINT');
      const { code, stderr } = await cli.done;
      expect(code).toBe(2);
      expect(stderr).toContain('[chaos] interrupted');
      await expectNoNewMounts();
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  afterAll(expectNoNewMounts);
});
