/**
 * What a run tells its user while it runs and in its result: the progress line's clocks and
 * pending count, the shims banner, the log excerpt's head and tail, and network fault windows
 * described with their attributes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartedFakes } from '../../fakes/index.js';
import { createEvaluationContext } from '../../harness/expectations/index.js';
import { computeLedger } from '../../harness/ledger/compute-ledger.js';
import { createEventBus } from '../../harness/observe/event-bus.js';
import type { RunEvent, RunEventPayload } from '../../harness/observe/events.js';
import type { LiveState } from '../../harness/observe/live-state.js';
import { createLiveState } from '../../harness/observe/live-state.js';
import { buildResult, excerptLog } from '../../harness/run/build-result.js';
import { formatProgress, formatVerdictTable } from '../../harness/run/progress.js';
import { createStepRuntime } from '../../harness/run/step-runtime-impl.js';
import type { TargetController } from '../../harness/run/target-controller.js';
import type { NetworkFaultSpec } from '../../harness/scenario/types.js';
import type { StoreFaults } from '../../harness/store/store-faults.js';
import { resolveTarget } from '../../harness/targets/index.js';
import rateLimit from '../../scenarios/rate-limit.js';
import {
  buildEvents,
  fileCreated,
  ingested,
  launched,
  logRecord,
  seeded,
  transition,
} from './helpers/synthetic-events.js';

const resultOf = (events: RunEvent[], shims: string[] = []) =>
  buildResult({
    scenario: rateLimit,
    target: 'reference',
    verdict: 'failed',
    startedAt: new Date(0),
    durationMs: 1_000,
    timeScale: 1,
    seed: 1,
    shims,
    targetOptions: {},
    versions: { harness: '0', target: {}, sdks: {} },
    expectations: [],
    ctx: createEvaluationContext(events, computeLedger(events)),
    samples: [],
  });

describe('live progress line', () => {
  function stateAfter(payloads: RunEventPayload[]) {
    const bus = createEventBus({ timeScale: 10 });
    const live = createLiveState(bus);
    for (const payload of payloads) bus.emit(payload);
    return live;
  }

  it('says pending (not lost) for records neither delivered nor stored yet', () => {
    const live = stateAfter([
      launched(),
      seeded('1000001', '1000002', '1000003'),
      ingested('1000001'),
      fileCreated('f.json', '1000002'),
      transition('azure-sentinel', 'CLOSED', 'OPEN'),
    ]);
    const line = formatProgress(170_300, 17_030, live, 10);
    expect(line).toBe(
      't= 170.3s [wall   17.0s] azure-sentinel=OPEN | faults: none | delivered 1/3, stored 1 (1 file(s)), pending 1',
    );
    expect(line).not.toContain('lost');
  });

  it('counts records seeded before the live state was made (the initial seed)', () => {
    const bus = createEventBus({ timeScale: 1 });
    bus.emit(seeded('1000001', '1000002'));
    const live = createLiveState(bus);
    bus.emit(seeded('1000003'));
    bus.emit(ingested('1000001'));
    expect(live.seeded.size).toBe(3);
    expect(formatProgress(0, 0, live, 1)).toMatch(/delivered 1\/3, stored 0 \(0 file\(s\)\), pending 2$/);
    live.dispose();
  });

  it('shows only target time when target time is wall time', () => {
    const line = formatProgress(4_200, 4_200, stateAfter([]), 1);
    expect(line).toMatch(/^t= {3}4\.2s breakers CLOSED \| /);
    expect(line).not.toContain('wall');
  });
});

describe('shims banner', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chaos-shims-test-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // The python target's own wording; a checkout path is enough to describe shims.
  const describeShimsBanner = async (shims: string[]) =>
    (await resolveTarget('python', { connectorDir: dir })).describeShims(shims);

  it("is the python target's own wording, and absent without shims", async () => {
    expect(await describeShimsBanner([])).toBeNull();
    expect(await describeShimsBanner(['upload-adapter', 'breaker-config'])).toMatch(
      /^SHIMS ACTIVE \(upload-adapter, breaker-config\): .*does NOT test the unmodified build/,
    );
  });

  it('sits right above the verdict table header', async () => {
    const banner = (await describeShimsBanner(['upload-adapter']))!;
    const table = formatVerdictTable(resultOf(buildEvents([[0, launched()]]), ['upload-adapter']), { banner }).split(
      '\n',
    );
    expect(table[1]).toBe(banner);
    expect(table[2]).toMatch(/^Scenario rate-limit on reference/);
    expect(formatVerdictTable(resultOf(buildEvents([[0, launched()]])))).not.toContain('SHIMS');
  });
});

describe('log excerpt in the result', () => {
  const log = (n: number): RunEventPayload => logRecord(`2026-11-27 04:12:03,000 - root - ERROR - record ${n}`);

  it('keeps every record of a short run', () => {
    const excerpt = resultOf(buildEvents(Array.from({ length: 50 }, (_, i) => [i, log(i)] as const))).logExcerpt;
    expect(excerpt).toHaveLength(50);
    expect(excerpt[0]).toBe('[run] 2026-11-27 04:12:03,000 - root - ERROR - record 0');
  });

  it('keeps the first 60 and the last 150 records of a long one, marking what it left out', () => {
    const excerpt = resultOf(buildEvents(Array.from({ length: 5_000 }, (_, i) => [i, log(i)] as const))).logExcerpt;
    expect(excerpt).toHaveLength(60 + 1 + 150);
    expect(excerpt[0]).toMatch(/ record 0$/);
    expect(excerpt[59]).toMatch(/ record 59$/);
    expect(excerpt[60]).toBe('… 4790 records omitted …');
    expect(excerpt[61]).toMatch(/ record 4850$/);
    expect(excerpt.at(-1)).toMatch(/ record 4999$/);
  });

  it('keeps both ends of a long traceback, its last line saying what broke', () => {
    const traceback = [
      '2026-11-27 04:12:03,000 - root - ERROR - Unexpected error during batch ingestion',
      'Traceback (most recent call last):',
      ...Array.from({ length: 40 }, (_, i) => `  frame ${i}`),
      'TypeError: upload() takes 4 positional arguments but 5 were given',
    ];
    const excerpt = excerptLog([{ command: 'run', record: traceback.join('\n') }]);
    expect(excerpt).toHaveLength(12);
    expect(excerpt[0]).toBe(`[run] ${traceback[0]}`);
    expect(excerpt[6]).toBe('[run]     … 32 more line(s) …');
    expect(excerpt.at(-1)).toBe('[run] TypeError: upload() takes 4 positional arguments but 5 were given');
  });
});

describe('network fault windows', () => {
  it('are described with their attributes in the events and the result file', async () => {
    const bus = createEventBus({ timeScale: 1 });
    const injected: NetworkFaultSpec[] = [];
    const network = {
      inject: async (spec: NetworkFaultSpec) => void injected.push(spec),
      clear: async () => undefined,
    };
    // Network steps touch neither the fakes nor the target.
    const runtime = createStepRuntime({
      fakes: {} as StartedFakes,
      network,
      controller: {} as TargetController,
      storeFaults: {} as StoreFaults,
      bus,
      state: {} as LiveState,
      signal: new AbortController().signal,
      deadlineMs: 60_000,
    });
    await runtime.injectNetworkFault({
      id: 'sentinel-latency',
      service: 'sentinel',
      toxic: 'latency',
      attributes: { latency: 40_000, jitter: 1_000 },
    });
    await runtime.clearNetworkFault('sentinel-latency');
    expect(injected).toHaveLength(1);
    const [event] = bus.ofType('fault:injected');
    expect(event).toMatchObject({
      ruleId: 'sentinel-latency',
      layer: 'network',
      description: 'latency downstream latency=40000 jitter=1000 on sentinel',
    });
    const [window] = resultOf([...bus.events()]).faults;
    expect(window).toMatchObject({
      ruleId: 'sentinel-latency',
      layer: 'network',
      description: 'latency downstream latency=40000 jitter=1000 on sentinel',
    });
    expect(window!.endMs).not.toBeNull();
  });
});
