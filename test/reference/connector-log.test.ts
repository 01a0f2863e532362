import { describe, expect, it } from 'vitest';
import {
  createLogRecordAssembler,
  formatConnectorLogLine,
  parseConnectorLogRecord,
} from '../../harness/targets/shared/connector-log.js';

// Lines as the real connector writes them (connector-contract.md §2.1).
const TS = '2026-11-27 02:35:21,464';
const line = (logger: string, level: string, message: string): string => `${TS} - ${logger} - ${level} - ${message}`;
const CB = 'src.utils.circuit_breaker';

describe('parseConnectorLogRecord', () => {
  it('reads every breaker transition as written, including the real CLOSED → OPEN re-open quirk', () => {
    const cases: [string, string, string][] = [
      ["Circuit breaker 'azure-sentinel': CLOSED → OPEN (failures: 10, calls: 10)", 'CLOSED', 'OPEN'],
      ["Circuit breaker 'azure-sentinel': OPEN → HALF_OPEN (attempting recovery after 60s)", 'OPEN', 'HALF_OPEN'],
      [
        "Circuit breaker 'azure-sentinel': HALF_OPEN → CLOSED (recovery successful, resuming normal operation)",
        'HALF_OPEN',
        'CLOSED',
      ],
      ["Circuit breaker 'azure-key-vault': CLOSED → OPEN (failures: 0, calls: 14)", 'CLOSED', 'OPEN'],
      ["Circuit breaker 'azure-sentinel': HALF_OPEN → OPEN (failures: 1, calls: 14)", 'HALF_OPEN', 'OPEN'],
    ];
    for (const [message, from, to] of cases) {
      const record = line(CB, 'INFO', message);
      const breaker = /'([^']+)'/.exec(message)![1];
      expect(parseConnectorLogRecord(record)).toEqual([
        { kind: 'breaker_transition', breaker, from, to, line: record },
      ]);
    }
  });

  it('reads failure counts, including counts above the threshold and the opening failure', () => {
    const first = line(CB, 'WARNING', "Circuit breaker 'azure-sentinel': Failure 9/5 (calls: 9)");
    expect(parseConnectorLogRecord(first)).toEqual([
      { kind: 'breaker_failure', breaker: 'azure-sentinel', count: 9, line: first },
    ]);
    const opening = line(
      CB,
      'ERROR',
      "Circuit breaker 'azure-sentinel': Failure threshold exceeded (10/5), opening circuit",
    );
    expect(parseConnectorLogRecord(opening)).toEqual([
      { kind: 'breaker_failure', breaker: 'azure-sentinel', count: 10, line: opening },
    ]);
    const recovery = line(CB, 'WARNING', "Circuit breaker 'azure-key-vault': Failure during recovery test, reopening");
    expect(parseConnectorLogRecord(recovery)).toEqual([
      { kind: 'breaker_failure', breaker: 'azure-key-vault', count: 1, line: recovery },
    ]);
  });

  it('reads router lines: rejection while open, stored batch, failed batch, dropped record', () => {
    const rejected = line(
      'root',
      'ERROR',
      "Circuit breaker OPEN for Azure Sentinel: Circuit breaker OPEN for 'azure-sentinel'. " +
        'Opened at 2026-11-27T02:35:20.000000+00:00. Recovery attempt in 59.0s.',
    );
    expect(parseConnectorLogRecord(rejected)).toEqual([
      { kind: 'breaker_rejected', breaker: 'azure-sentinel', line: rejected },
    ]);
    const stored = line('root', 'INFO', 'Stored failed batch 0670c247f2c50f2a29eeb10a44ad063f to local storage');
    expect(parseConnectorLogRecord(stored)).toEqual([
      { kind: 'batch_stored', batchId: '0670c247f2c50f2a29eeb10a44ad063f', line: stored },
    ]);
    const failed =
      `${line('root', 'ERROR', 'Batch 0670c247f2c50f2a29eeb10a44ad063f failed: (503) fault')}\n` +
      'Code: 503\nMessage: fault';
    expect(parseConnectorLogRecord(failed)).toEqual([
      { kind: 'batch_failed', batchId: '0670c247f2c50f2a29eeb10a44ad063f', line: failed },
    ]);
    const dropped = line('root', 'WARNING', "Dropping log due to missing required fields: ['bytes']");
    expect(parseConnectorLogRecord(dropped)).toEqual([
      { kind: 'record_rejected', reason: "missing required fields: ['bytes']", count: 1, line: dropped },
    ]);
  });

  it('reports other ERROR records as errors and everything else as plain logs with level and logger', () => {
    const cycle =
      `${line('s3_sentinel.pipeline', 'ERROR', 'Pipeline cycle failed: boom')}\n` +
      'Traceback (most recent call last):\n  File "x.py", line 1';
    expect(parseConnectorLogRecord(cycle)).toEqual([{ kind: 'error', line: cycle }]);
    const info = line('root', 'INFO', 'Found 3 new objects in bkt/logs/');
    expect(parseConnectorLogRecord(info)).toEqual([{ kind: 'log', level: 'INFO', logger: 'root', line: info }]);
    const init = line(
      CB,
      'INFO',
      "Circuit breaker initialized for 'azure-sentinel': failure_threshold=5, recovery_timeout=60s",
    );
    expect(parseConnectorLogRecord(init)).toEqual([{ kind: 'log', level: 'INFO', logger: CB, line: init }]);
    expect(parseConnectorLogRecord('listening on http://127.0.0.1:4000')).toEqual([
      { kind: 'log', level: 'UNKNOWN', logger: '', line: 'listening on http://127.0.0.1:4000' },
    ]);
    expect(parseConnectorLogRecord("ModuleNotFoundError: No module named 'src'")[0]!.kind).toBe('error');
  });
});

describe('createLogRecordAssembler', () => {
  it('joins continuation lines to the previous record and handles chunks split mid-line', () => {
    const records: string[] = [];
    const assembler = createLogRecordAssembler((r) => records.push(r));
    const text =
      `${line('root', 'ERROR', 'Azure ingestion error: (503) fault')}\nCode: 503\nMessage: fault\n` +
      `${line('root', 'INFO', 'Stored failed batch abc to local storage')}\n`;
    for (let i = 0; i < text.length; i += 7) assembler.push(text.slice(i, i + 7));
    expect(records).toEqual([
      `${line('root', 'ERROR', 'Azure ingestion error: (503) fault')}\nCode: 503\nMessage: fault`,
    ]);
    assembler.flush();
    assembler.flush();
    expect(records).toEqual([
      `${line('root', 'ERROR', 'Azure ingestion error: (503) fault')}\nCode: 503\nMessage: fault`,
      line('root', 'INFO', 'Stored failed batch abc to local storage'),
    ]);
  });

  it('emits a leading untimestamped line as its own record and a partial last line on flush', () => {
    const records: string[] = [];
    const assembler = createLogRecordAssembler((r) => records.push(r));
    assembler.push('listening on http://127.0.0.1:1\r\n');
    assembler.push('Replay complete: processed=1 archived=1 failed=0');
    assembler.flush();
    expect(records).toEqual(['listening on http://127.0.0.1:1\nReplay complete: processed=1 archived=1 failed=0']);
  });

  it('closes an open record after the idle gap when asked to', async () => {
    const records: string[] = [];
    const assembler = createLogRecordAssembler((r) => records.push(r), { idleFlushMs: 5 });
    assembler.push(`${line('root', 'INFO', 'one')}\n`);
    const deadline = Date.now() + 2_000;
    while (records.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(records).toEqual([line('root', 'INFO', 'one')]);
  });
});

describe('formatConnectorLogLine', () => {
  it('writes Python asctime in local time with a comma before milliseconds, and round-trips through the parser', () => {
    const date = new Date(2026, 10, 27, 2, 35, 21, 4);
    const text = formatConnectorLogLine(
      date,
      CB,
      'warning',
      "Circuit breaker 'azure-sentinel': Failure 1/5 (calls: 1)",
    );
    expect(text).toBe(
      '2026-11-27 02:35:21,004 - src.utils.circuit_breaker - WARNING - ' +
        "Circuit breaker 'azure-sentinel': Failure 1/5 (calls: 1)",
    );
    expect(parseConnectorLogRecord(text)).toEqual([
      { kind: 'breaker_failure', breaker: 'azure-sentinel', count: 1, line: text },
    ]);
  });
});
