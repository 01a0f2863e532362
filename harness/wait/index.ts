/**
 * Wait strategies: readiness and conditions, never sleeps.
 *
 * @example await Wait.forAll([Wait.forHttp(url, { timeoutMs: 10_000 })], { deadlineMs: 20_000 }).wait(signal);
 */
import { forAll } from './for-all.js';
import { forCondition } from './for-condition.js';
import { forHttp } from './for-http.js';
import { forLogRecord } from './for-log-record.js';

export const Wait = { forAll, forCondition, forHttp, forLogRecord } as const;
export type { ForConditionOptions } from './for-condition.js';
export type { LogRecordSource } from './for-log-record.js';
export type { WaitStrategy } from './wait-strategy.js';
