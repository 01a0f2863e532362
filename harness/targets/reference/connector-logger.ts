/**
 * Logging in the real connector's format on stderr (connector-contract.md §2.1): INFO and above,
 * one write per record so a multi-line message reaches the reader as one chunk.
 */
import { formatConnectorLogLine } from '../shared/connector-log.js';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';
export type ConnectorLog = (level: LogLevel, logger: string, message: string) => void;

/** The real router and S3 handler log through the root logger. */
export const ROOT_LOGGER = 'root';
export const PIPELINE_LOGGER = 's3_sentinel.pipeline';
export const CREDENTIAL_LOGGER = 'src.security.credential_manager';

const RANK: Record<LogLevel, number> = { DEBUG: 10, INFO: 20, WARNING: 30, ERROR: 40 };

/**
 * @example
 * const log = createConnectorLogger();
 * log('INFO', ROOT_LOGGER, 'Found 3 new objects in bkt/logs/');
 */
export function createConnectorLogger(
  write: (text: string) => void = (text) => process.stderr.write(text),
  minLevel: LogLevel = 'INFO',
): ConnectorLog {
  return (level, logger, message) => {
    // asctime is wall time, as Python's logging writes it, whatever the target clock's scale.
    if (RANK[level] >= RANK[minLevel]) write(`${formatConnectorLogLine(new Date(), logger, level, message)}\n`);
  };
}
