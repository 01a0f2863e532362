/**
 * The connector log format shared by every target (CONTRACTS.md §3): assemble records from a
 * stream, parse them into events, and write lines in the same format.
 */

export { formatAsctime, formatConnectorLogLine } from './format-connector-log-line.js';
export type { LogRecordAssembler, LogRecordAssemblerOptions } from './log-record-assembler.js';
export { createLogRecordAssembler, LOG_TIMESTAMP_PREFIX } from './log-record-assembler.js';
export type { ParsedLogHeader } from './parse-connector-log.js';
export {
  parseAsctime,
  parseConnectorLogRecord,
  parseLogHeader,
  readConnectorLogRecord,
} from './parse-connector-log.js';
