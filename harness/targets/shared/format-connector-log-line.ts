/**
 * One log line in the real connector's format, `%(asctime)s - %(name)s - %(levelname)s - %(message)s`
 * (connector-contract.md §2.1), so one observer parses both targets.
 */

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/**
 * Formats `date` the way Python's `logging` formats `asctime`: LOCAL time, comma before the
 * milliseconds (`2026-11-27 02:35:21,464`).
 *
 * @example formatAsctime(new Date()) // '2026-11-27 03:44:19,123'
 */
export function formatAsctime(date: Date): string {
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  return `${day} ${time},${pad(date.getMilliseconds(), 3)}`;
}

/**
 * `YYYY-MM-DD HH:MM:SS,mmm - <logger> - <LEVEL> - <message>` (no trailing newline). A multi-line
 * message stays multi-line: its later lines are continuation lines, exactly as Python writes them.
 *
 * @example
 * formatConnectorLogLine(
 *   new Date(),
 *   'src.utils.circuit_breaker',
 *   'warning',
 *   "Circuit breaker 'azure-sentinel': Failure 1/5 (calls: 1)",
 * )
 */
export function formatConnectorLogLine(date: Date, logger: string, level: string, message: string): string {
  return `${formatAsctime(date)} - ${logger} - ${level.toUpperCase()} - ${message}`;
}
