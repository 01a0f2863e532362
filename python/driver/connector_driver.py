"""Launcher of ours for an UNMODIFIED s3-sentinel-connector checkout (harness/targets/python).

It runs the connector's own CLI (``s3_sentinel.cli.main``) in-process, and optionally:

* applies opt-in, named shims at import time (``--shim NAME``), never by editing the checkout;
* drives the connector's own ``CredentialManager`` against Key Vault every N seconds in a
  background thread (``--keyvault-url``/``--keyvault-secret``/``--keyvault-interval``), so the
  real ``azure-key-vault`` breaker is exercised: the CLI itself never reads Key Vault
  (connector-contract.md §1.5).

    connector_driver.py --connector <repo> [--shim NAME]... [--breaker-override k=v]...
                        [--keyvault-url URL --keyvault-secret NAME --keyvault-interval S]
                        -- <run|ingest|replay-failed> <cli flags...>

Nothing here logs through the ``logging`` module before the connector configures it: the
first ``logging.basicConfig`` call wins (connector-contract.md §2.1), and it must stay the
connector's. Driver messages are written in the connector's log format instead.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import logging
import os
import sys
import threading
import time
from datetime import datetime
from typing import Any, Callable, Dict, List

KNOWN_SHIMS = ("upload-adapter", "failed-batches-dir", "breaker-config")
BREAKER_FIELDS = (
    "failure_threshold",
    "recovery_timeout",
    "half_open_max_calls",
    "success_threshold",
    "min_calls_before_open",
    "operation_timeout",
)
DRIVER_LOGGER = "chaos.driver"


def log_line(level: str, message: str, logger: str = DRIVER_LOGGER) -> None:
    """One record in the connector's format, straight to stderr (no logging configuration)."""
    now = datetime.now()
    asctime = now.strftime("%Y-%m-%d %H:%M:%S") + f",{now.microsecond // 1000:03d}"
    sys.stderr.write(f"{asctime} - {logger} - {level} - {message}\n")
    sys.stderr.flush()


def parse_args(argv: List[str]) -> tuple[argparse.Namespace, List[str]]:
    if "--" not in argv:
        raise SystemExit("connector_driver: expected '--' before the connector's CLI arguments")
    split = argv.index("--")
    parser = argparse.ArgumentParser(prog="connector_driver")
    parser.add_argument("--connector", required=True, help="absolute path of the checkout")
    parser.add_argument("--shim", action="append", default=[], choices=KNOWN_SHIMS)
    parser.add_argument("--breaker-override", action="append", default=[], metavar="[kv_]FIELD=VALUE")
    parser.add_argument("--keyvault-url")
    parser.add_argument("--keyvault-secret")
    parser.add_argument("--keyvault-interval", type=float, default=60.0, help="seconds between refreshes")
    return parser.parse_args(argv[:split]), argv[split + 1 :]


# ------------------------------------------------------------------------------------------ shims


def shim_upload_adapter() -> None:
    """The router calls ``upload(rule_id, stream, gzipped_bytes, "application/json")``; the SDK
    takes ``upload(rule_id, stream_name, logs, *, on_error=None, **kwargs)`` with a list (or, in
    newer versions, an IO). Accept the extra positional, and hand the SDK the decoded list, so its
    own retry, auth and logging pipeline does the HTTP exactly as it would (contract §1.6 item 1)."""
    from azure.monitor.ingestion import LogsIngestionClient

    original = LogsIngestionClient.upload

    def upload(self: Any, rule_id: str, stream_name: str, logs: Any, *_extra: Any, **kwargs: Any) -> Any:
        if isinstance(logs, (bytes, bytearray)):
            body = bytes(logs)
            if body[:2] == b"\x1f\x8b":
                body = gzip.decompress(body)
            logs = json.loads(body.decode("utf-8"))
        return original(self, rule_id, stream_name, logs, **kwargs)

    LogsIngestionClient.upload = upload  # type: ignore[method-assign]


def shim_failed_batches_dir(cli_args: List[str]) -> None:
    """Make ``--failed-batches-dir`` reach the router (it only reaches the health gauges, §2.4)."""
    directory = flag_value(cli_args, "--failed-batches-dir")
    if directory is None:
        return
    from src.core import sentinel_router

    original_init = sentinel_router.SentinelRouter.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original_init(self, *args, **kwargs)
        self.failed_logs_path = directory

    sentinel_router.SentinelRouter.__init__ = init  # type: ignore[method-assign]


def shim_breaker_config(overrides: Dict[str, Dict[str, float]]) -> None:
    """Wrap ``CircuitBreakerConfig`` where the router and the credential manager construct it
    (the dataclass defaults have no effect: both pass their values explicitly, §1.6 item 2)."""
    def wrap(module: Any, fields: Dict[str, float]) -> None:
        if not fields:
            return
        original = module.CircuitBreakerConfig

        def factory(*args: Any, **kwargs: Any) -> Any:
            config = original(*args, **kwargs)
            for name, value in fields.items():
                # Keep ints ints (the breaker formats them into its log lines); 2.5 stays 2.5.
                setattr(config, name, int(value) if float(value).is_integer() and isinstance(getattr(config, name), int) else value)
            return config

        module.CircuitBreakerConfig = factory

    if overrides.get("sentinel"):
        from src.core import sentinel_router

        wrap(sentinel_router, overrides["sentinel"])
    if overrides.get("keyvault"):
        # Imported only when asked: it pulls in the whole src.security package.
        from src.security import credential_manager

        wrap(credential_manager, overrides["keyvault"])


def parse_breaker_overrides(items: List[str]) -> Dict[str, Dict[str, float]]:
    result: Dict[str, Dict[str, float]] = {"sentinel": {}, "keyvault": {}}
    for item in items:
        name, _, text = item.partition("=")
        group = "keyvault" if name.startswith("kv_") else "sentinel"
        field = name[3:] if name.startswith("kv_") else name
        if field not in BREAKER_FIELDS:
            raise SystemExit(f"connector_driver: unknown breaker field {name!r}")
        result[group][field] = float(text)
    return result


def flag_value(args: List[str], flag: str) -> str | None:
    for index, arg in enumerate(args):
        if arg == flag and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith(flag + "="):
            return arg.split("=", 1)[1]
    return None


# ------------------------------------------------------------------------------ Key Vault driver


def wait_for_logging(timeout_s: float) -> None:
    """Let the connector's ConfigManager configure the root logger first (first basicConfig
    wins); if it never does (e.g. replay crashed early), configure the same format ourselves."""
    deadline = time.monotonic() + timeout_s
    while not logging.getLogger().handlers and time.monotonic() < deadline:
        time.sleep(0.05)
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s - %(name)s - %(levelname)s - %(message)s")


def breaker_state_name(manager: Any) -> str:
    state = manager._circuit_breaker.state  # the connector's own breaker; read-only here
    return str(getattr(state, "name", state)).upper()


async def refresh_forever(vault_url: str, secret: str, interval_s: float) -> None:
    from src.security.credential_manager import CredentialManager

    logger = logging.getLogger(DRIVER_LOGGER + ".keyvault")
    manager = CredentialManager(vault_url=vault_url)
    logger.info("Driving CredentialManager(vault_url=%s).get_credential('%s') every %ss", vault_url, secret, interval_s)
    while True:
        try:
            # force_refresh: a periodic refresh goes to Key Vault through the breaker every time;
            # CredentialManager itself falls back to its cache when the breaker rejects the call.
            await manager.get_credential(secret, force_refresh=True)
            state = breaker_state_name(manager)
            if state == "OPEN":
                logger.warning("Serving cached secret '%s' (azure-key-vault breaker OPEN)", secret)
            else:
                logger.info("Secret '%s' refreshed from Key Vault (azure-key-vault breaker %s)", secret, state)
        except Exception as error:  # noqa: BLE001 - every failure is reported, the loop goes on
            logger.error(
                "Secret '%s' refresh failed (azure-key-vault breaker %s): %s: %s",
                secret,
                breaker_state_name(manager),
                type(error).__name__,
                str(error).splitlines()[0] if str(error) else "",
            )
        await asyncio.sleep(interval_s)


def start_keyvault_thread(vault_url: str, secret: str, interval_s: float) -> None:
    def main() -> None:
        wait_for_logging(timeout_s=30.0)
        try:
            asyncio.run(refresh_forever(vault_url, secret, interval_s))
        except Exception as error:  # noqa: BLE001
            logging.getLogger(DRIVER_LOGGER + ".keyvault").error("Key Vault driver stopped: %s", error)

    # Daemon: it must never keep the connector alive, nor be joined at exit.
    threading.Thread(target=main, name="chaos-keyvault-driver", daemon=True).start()


# ------------------------------------------------------------------------------------------ main


def main(argv: List[str]) -> int:
    options, cli_args = parse_args(argv)
    repo = os.path.abspath(options.connector)
    for entry in (os.path.join(repo, "src"), repo):
        if entry not in sys.path:
            sys.path.insert(0, entry)

    shims: List[str] = list(dict.fromkeys(options.shim))
    overrides = parse_breaker_overrides(options.breaker_override)
    if (overrides["sentinel"] or overrides["keyvault"]) and "breaker-config" not in shims:
        raise SystemExit("connector_driver: --breaker-override needs --shim breaker-config")
    if shims:
        log_line("WARNING", f"Compatibility shims active (connector code adapted at import time): {', '.join(shims)}")

    appliers: Dict[str, Callable[[], None]] = {
        "upload-adapter": shim_upload_adapter,
        "failed-batches-dir": lambda: shim_failed_batches_dir(cli_args),
        "breaker-config": lambda: shim_breaker_config(overrides),
    }
    for name in shims:
        appliers[name]()

    if options.keyvault_url and options.keyvault_secret:
        start_keyvault_thread(options.keyvault_url, options.keyvault_secret, options.keyvault_interval)

    from s3_sentinel import cli

    return int(cli.main(cli_args) or 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
