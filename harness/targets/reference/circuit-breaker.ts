/**
 * The circuit breaker the runbook promises (connector-contract.md §3), one per service. Pure: time
 * comes from an injected Clock and logging goes through an injected function, so unit tests drive
 * it with a ManualClock.
 *
 *   CLOSED ──(calls ≥ min_calls_before_open AND consecutive failures ≥ failure_threshold)──▶ OPEN
 *   OPEN ──(first call at/after recovery_timeout: that call is a probe)──▶ HALF_OPEN
 *   HALF_OPEN ──(success_threshold successes)──▶ CLOSED      HALF_OPEN ──(any failure)──▶ OPEN
 *
 * Where it differs from the real connector, it keeps the runbook's promise: a re-open from
 * HALF_OPEN is logged truthfully as `HALF_OPEN → OPEN`, and a timed-out operation is aborted.
 */
import type { Clock } from '../../../fakes/core/clock.js';
import type { BreakerState } from '../../domain/breaker.js';
import type { BreakerConfig } from '../target.js';

export const BREAKER_LOGGER = 'src.utils.circuit_breaker';

export type BreakerLog = (level: 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR', logger: string, message: string) => void;

/** Thrown, without calling the operation, while the breaker is OPEN or the half-open probes are all taken. */
export class CircuitBreakerOpenError extends Error {
  override readonly name = 'CircuitBreakerOpenError';
}

/** Thrown when the operation did not settle within `operation_timeout`; the operation is aborted. */
export class OperationTimeoutError extends Error {
  override readonly name = 'OperationTimeoutError';
}

export interface CircuitBreakerOptions {
  readonly name: string;
  readonly config: BreakerConfig;
  readonly clock: Clock;
  readonly log: BreakerLog;
  /** Log a re-open from HALF_OPEN as `CLOSED → OPEN (failures: 0, …)` like the real connector (test knob). */
  readonly realReopenWording?: boolean;
  /** HALF_OPEN admits every call and re-opens only after failure_threshold failures (test knob). */
  readonly halfOpenUnlimited?: boolean;
  readonly onStateChange?: (from: BreakerState, to: BreakerState) => void;
}

/** Seconds as Python prints them in the breaker's messages (`60s`, `2.5s`). */
const seconds = (value: number): string => `${value}`;

/**
 * @example
 * const breaker = new CircuitBreaker({ name: 'azure-sentinel', config: RUNBOOK_BREAKER_DEFAULTS, clock, log });
 * await breaker.call((signal) => client.upload(ruleId, stream, batch, { abortSignal: signal }));
 */
export class CircuitBreaker {
  private currentState: BreakerState = 'CLOSED';
  private totalCalls = 0;
  private failureCount = 0;
  private successCount = 0;
  private probesInFlight = 0;
  private openedAtMs = 0;
  /** Bumped on every transition: a result from a call started in an older epoch is ignored. */
  private epoch = 0;

  constructor(private readonly options: CircuitBreakerOptions) {
    const { name, config } = options;
    options.log(
      'INFO',
      BREAKER_LOGGER,
      `Circuit breaker initialized for '${name}': failure_threshold=${config.failure_threshold}, ` +
        `recovery_timeout=${seconds(config.recovery_timeout)}s`,
    );
  }

  get name(): string {
    return this.options.name;
  }

  get state(): BreakerState {
    return this.currentState;
  }

  get stats(): {
    readonly totalCalls: number;
    readonly failureCount: number;
    readonly successCount: number;
    readonly probesInFlight: number;
  } {
    return {
      totalCalls: this.totalCalls,
      failureCount: this.failureCount,
      successCount: this.successCount,
      probesInFlight: this.probesInFlight,
    };
  }

  /** Runs `operation` through the breaker. It receives a signal that aborts on `operation_timeout`. */
  async call<T>(operation: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.totalCalls += 1;
    this.admit();
    const isProbe = this.currentState === 'HALF_OPEN';
    if (isProbe) this.probesInFlight += 1;
    const startedEpoch = this.epoch;
    try {
      const result = await this.runWithTimeout(operation);
      if (startedEpoch === this.epoch) this.recordSuccess();
      return result;
    } catch (error) {
      if (startedEpoch === this.epoch) this.recordFailure();
      throw error;
    } finally {
      if (isProbe) this.probesInFlight -= 1;
    }
  }

  /** Decides whether a call may go ahead; throws CircuitBreakerOpenError if not. */
  private admit(): void {
    const { name, config, clock } = this.options;
    if (this.currentState === 'OPEN') {
      const elapsedMs = clock.now() - this.openedAtMs;
      if (elapsedMs < config.recovery_timeout * 1_000) {
        const remaining = ((config.recovery_timeout * 1_000 - elapsedMs) / 1_000).toFixed(1);
        const openedAt = new Date(this.openedAtMs).toISOString().replace('Z', '+00:00');
        throw new CircuitBreakerOpenError(
          `Circuit breaker OPEN for '${name}'. Opened at ${openedAt}. Recovery attempt in ${remaining}s.`,
        );
      }
      this.failureCount = 0;
      this.successCount = 0;
      this.transition('HALF_OPEN', 'INFO', `(attempting recovery after ${seconds(config.recovery_timeout)}s)`);
    }
    const limitProbes = this.options.halfOpenUnlimited !== true;
    if (limitProbes && this.currentState === 'HALF_OPEN' && this.probesInFlight >= config.half_open_max_calls) {
      throw new CircuitBreakerOpenError(
        `Circuit breaker OPEN for '${name}'. Half-open probe limit reached (${config.half_open_max_calls} in flight).`,
      );
    }
  }

  private runWithTimeout<T>(operation: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const { name, config, clock, log } = this.options;
    const controller = new AbortController();
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const timer = clock.setTimeout(() => {
        if (settled) return;
        settled = true;
        log(
          'WARNING',
          BREAKER_LOGGER,
          `Circuit breaker '${name}': Operation timeout after ${seconds(config.operation_timeout)}s`,
        );
        const error = new OperationTimeoutError(`Operation timeout after ${seconds(config.operation_timeout)}s`);
        controller.abort(error);
        reject(error);
      }, config.operation_timeout * 1_000);
      const settle = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        timer.cancel();
        fn();
      };
      let pending: Promise<T>;
      try {
        pending = operation(controller.signal);
      } catch (error) {
        pending = Promise.reject(error);
      }
      pending.then(
        (value) => settle(() => resolve(value)),
        (error: unknown) => settle(() => reject(error)),
      );
    });
  }

  private recordSuccess(): void {
    const { name, config, log } = this.options;
    if (this.currentState === 'HALF_OPEN') {
      this.successCount += 1;
      log(
        'DEBUG',
        BREAKER_LOGGER,
        `Circuit breaker '${name}' half-open: ${this.successCount}/${config.success_threshold} successes`,
      );
      if (this.successCount >= config.success_threshold) {
        this.failureCount = 0;
        this.successCount = 0;
        this.transition('CLOSED', 'INFO', '(recovery successful, resuming normal operation)');
      }
      return;
    }
    if (this.currentState === 'CLOSED') this.failureCount = 0;
  }

  private recordFailure(): void {
    const { name, config, clock, log } = this.options;
    if (this.currentState === 'HALF_OPEN' && this.options.halfOpenUnlimited === true) {
      this.failureCount += 1;
      if (this.failureCount < config.failure_threshold) return;
    }
    if (this.currentState === 'HALF_OPEN') {
      log('WARNING', BREAKER_LOGGER, `Circuit breaker '${name}': Failure during recovery test, reopening`);
      this.failureCount += 1;
      this.openedAtMs = clock.now();
      if (this.options.realReopenWording === true) {
        // The real connector's fixed text: it claims CLOSED → OPEN with failures: 0.
        this.transition('OPEN', 'ERROR', `(failures: 0, calls: ${this.totalCalls})`, 'CLOSED');
      } else {
        this.transition('OPEN', 'ERROR', `(failures: ${this.failureCount}, calls: ${this.totalCalls})`);
      }
      return;
    }
    if (this.currentState !== 'CLOSED') return;
    this.failureCount += 1;
    const k = this.failureCount;
    if (this.totalCalls >= config.min_calls_before_open && k >= config.failure_threshold) {
      log(
        'ERROR',
        BREAKER_LOGGER,
        `Circuit breaker '${name}': Failure threshold exceeded (${k}/${config.failure_threshold}), opening circuit`,
      );
      this.openedAtMs = clock.now();
      this.transition('OPEN', 'ERROR', `(failures: ${k}, calls: ${this.totalCalls})`);
      return;
    }
    log(
      'WARNING',
      BREAKER_LOGGER,
      `Circuit breaker '${name}': Failure ${k}/${config.failure_threshold} (calls: ${this.totalCalls})`,
    );
  }

  private transition(to: BreakerState, level: 'INFO' | 'ERROR', detail: string, writtenFrom?: BreakerState): void {
    const from = this.currentState;
    this.currentState = to;
    this.epoch += 1;
    this.options.log(
      level,
      BREAKER_LOGGER,
      `Circuit breaker '${this.options.name}': ${writtenFrom ?? from} → ${to} ${detail}`,
    );
    this.options.onStateChange?.(from, to);
  }
}
