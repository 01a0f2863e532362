"""A circuit breaker that logs in the real connector's words (connector-contract.md §2.1, §3.2),
so the harness's log parser sees the same transitions from the stand-in as from the connector."""

import logging
import time

logger = logging.getLogger("src.utils.circuit_breaker")


class BreakerOpen(Exception):
    pass


class Breaker:
    def __init__(self, name, failure_threshold=5, recovery_timeout=60, success_threshold=2, min_calls=10):
        self.name = name
        self.failure_threshold = failure_threshold
        self.recovery_timeout = recovery_timeout
        self.success_threshold = success_threshold
        self.min_calls = min_calls
        self.state = "CLOSED"
        self.failures = 0
        self.successes = 0
        self.calls = 0
        self.opened_at = 0.0
        logger.info(
            "Circuit breaker initialized for '%s': failure_threshold=%d, recovery_timeout=%ds",
            name, failure_threshold, recovery_timeout,
        )

    def call(self, fn, *args):
        self.calls += 1
        if self.state == "OPEN":
            if time.time() - self.opened_at < self.recovery_timeout:
                raise BreakerOpen(f"Circuit breaker OPEN for '{self.name}'.")
            self.state, self.failures, self.successes = "HALF_OPEN", 0, 0
            logger.info(
                "Circuit breaker '%s': OPEN → HALF_OPEN (attempting recovery after %ds)", self.name, self.recovery_timeout
            )
        try:
            result = fn(*args)
        except Exception:
            self._on_failure()
            raise
        self._on_success()
        return result

    def _on_success(self):
        if self.state == "HALF_OPEN":
            self.successes += 1
            if self.successes >= self.success_threshold:
                self.state, self.failures = "CLOSED", 0
                logger.info(
                    "Circuit breaker '%s': HALF_OPEN → CLOSED (recovery successful, resuming normal operation)", self.name
                )
        else:
            self.failures = 0

    def _on_failure(self):
        if self.state == "HALF_OPEN":
            logger.warning("Circuit breaker '%s': Failure during recovery test, reopening", self.name)
            self._open()
            return
        self.failures += 1
        if self.calls >= self.min_calls and self.failures >= self.failure_threshold:
            logger.error(
                "Circuit breaker '%s': Failure threshold exceeded (%d/%d), opening circuit",
                self.name, self.failures, self.failure_threshold,
            )
            self._open()
        else:
            logger.warning(
                "Circuit breaker '%s': Failure %d/%d (calls: %d)", self.name, self.failures, self.failure_threshold, self.calls
            )

    def _open(self):
        self.state, self.opened_at = "OPEN", time.time()
        # The real connector's fixed wording, also for a re-open from HALF_OPEN.
        logger.error("Circuit breaker '%s': CLOSED → OPEN (failures: %d, calls: %d)", self.name, self.failures, self.calls)
