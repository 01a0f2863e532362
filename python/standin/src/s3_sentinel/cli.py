"""Stand-in CLI: `python -m s3_sentinel.cli <run|ingest|replay-failed> …` with the real
connector's flags. S3 → one firewall record per object → Logs Ingestion, through a breaker;
failed batches go to ./failed_batches (cwd), as the real router writes them."""

import argparse
import hashlib
import json
import logging
import os
import signal
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import boto3
import yaml
from azure.core.exceptions import AzureError
from azure.identity import DefaultAzureCredential
from azure.monitor.ingestion import LogsIngestionClient

from s3_sentinel import __version__
from s3_sentinel.breaker import Breaker, BreakerOpen
from s3_sentinel.health import serve

SCRUBBED = ("APP_", "AZURE_", "AWS_", "MSI_", "IDENTITY_")
log = logging.getLogger("root")


def load_config(config_dir, environment):
    merged = {}
    for name in ("base.yaml", f"{environment}.yaml"):
        path = Path(config_dir) / name
        data = yaml.safe_load(path.read_text()) if path.exists() else {}
        for section, values in (data or {}).items():
            merged.setdefault(section, {}).update(values)
    # APP_<SECTION>_<KEY> overrides, as the connector applies them (connector-contract §1.4).
    for name, value in os.environ.items():
        if name.startswith("APP_") and "_" in name[4:]:
            section, key = name[4:].lower().split("_", 1)
            merged.setdefault(section, {})[key] = value
    return merged


def resolve(value):
    return os.environ.get(value[4:], "") if isinstance(value, str) and value.startswith("env:") else value


def parse_firewall(body):
    ts, src, dst, action, rule, proto, sport, dport, size = body.strip().split("|")
    return {"TimeGenerated": ts, "SourceIP": src, "DestinationIP": dst, "Action": action, "BytesTransferred": int(size)}


class Pipeline:
    def __init__(self, config):
        aws, sentinel = config["aws"], config["sentinel"]
        self.bucket, self.prefix = aws["bucket_name"], aws.get("prefix", "logs/")
        self.s3 = boto3.client(
            "s3",
            region_name=aws["region"],
            aws_access_key_id=resolve(aws.get("access_key_id")) or "test-access-key",
            aws_secret_access_key=resolve(aws.get("secret_access_key")) or "test-secret-key",
        )
        self.ingest = LogsIngestionClient(endpoint=sentinel["dcr_endpoint"], credential=DefaultAzureCredential())
        self.rule_id, self.stream = sentinel["rule_id"], sentinel["stream_name"]
        self.breaker = Breaker("azure-sentinel")
        self.delivered = set()

    def cycle(self):
        keys = [o["Key"] for o in self.s3.list_objects_v2(Bucket=self.bucket, Prefix=self.prefix).get("Contents", [])]
        log.info("Found %d new objects in %s/%s", len(keys), self.bucket, self.prefix)
        for key in keys:
            if key in self.delivered:
                continue
            body = self.s3.get_object(Bucket=self.bucket, Key=key)["Body"].read().decode()
            # One firewall record per line; an object holds one or more.
            if self.send([parse_firewall(line) for line in body.splitlines() if line.strip()]):
                self.delivered.add(key)

    def send(self, batch):
        batch_id = hashlib.md5(str(batch).encode()).hexdigest()
        try:
            self.breaker.call(self.ingest.upload, self.rule_id, self.stream, batch)
            return True
        except BreakerOpen as error:
            log.error("Circuit breaker OPEN for Azure Sentinel: %s", error)
            store_failed(batch_id, batch, error, "circuit_breaker_open")
            log.error("Batch %s failed: %s", batch_id, error)
        except AzureError as error:
            log.error("Azure ingestion error: %s", str(error).splitlines()[0])
            store_failed(batch_id, batch, error, f"azure_error:{getattr(error, 'status_code', None) or 'unknown'}")
            log.error("Batch %s failed: %s", batch_id, str(error).splitlines()[0])
        # Stored for replay: not delivered now, and not to be sent again by the next cycle.
        return True


def store_failed(batch_id, batch, error, category):
    now = datetime.now(timezone.utc).isoformat()
    directory = Path("./failed_batches")
    directory.mkdir(parents=True, exist_ok=True)
    payload = {"batch_id": batch_id, "timestamp": now, "error": str(error), "error_category": category, "retry_count": 0, "data": batch}
    (directory / f"failed-batch-{batch_id}-{now.replace(':', '-')}.json").write_text(json.dumps(payload, indent=2))
    log.info("Stored failed batch %s to local storage", batch_id)


def replay(config, directory):
    pipeline = Pipeline(config)
    processed = archived = failed = 0
    archive = Path(directory) / "archived"
    archive.mkdir(parents=True, exist_ok=True)
    for path in sorted(Path(directory).glob("*.json")):
        processed += 1
        try:
            data = json.loads(path.read_text())["data"]
        except Exception:  # noqa: BLE001
            failed += 1
            continue
        pipeline.send(data)
        path.rename(archive / f"{path.stem}-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}.json")
        archived += 1
    print("Replay complete:", f"processed={processed}", f"archived={archived}", f"failed={failed}")
    return 0 if failed == 0 else 1


def main(argv=None):
    parser = argparse.ArgumentParser(prog="s3-sentinel")
    parser.add_argument("--version", action="store_true")
    sub = parser.add_subparsers(dest="command")
    for name in ("run", "ingest", "replay-failed"):
        p = sub.add_parser(name)
        p.add_argument("--config-dir", default="config")
        p.add_argument("--environment", default="dev")
        p.add_argument("--log-type", default="firewall")
        p.add_argument("--failed-batches-dir", default="failed_batches")
        if name == "run":
            p.add_argument("--poll-interval", type=float, default=30.0)
    args = parser.parse_args(argv)
    if args.version:
        print(f"s3-sentinel-connector {__version__}")
        return 0
    logging.basicConfig(level=logging.INFO, format="%(asctime)s - %(name)s - %(levelname)s - %(message)s")
    logging.getLogger("azure").setLevel(logging.WARNING)
    names = sorted(k for k in os.environ if k.startswith(SCRUBBED))
    log.info("standin env: %s", ",".join(names))
    config = load_config(args.config_dir, args.environment)
    if args.command == "replay-failed":
        return replay(config, args.failed_batches_dir)
    pipeline = Pipeline(config)
    if args.command == "ingest":
        pipeline.cycle()
        return 0
    if args.command != "run":
        parser.print_help()
        return 0
    # Graceful on SIGTERM, as the connector's pipeline is (and needed as PID 1 in a container,
    # where SIGTERM has no default action).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    state = {"ready": False, "cycles": 0}
    serve(state)
    while True:
        state["cycles"] += 1
        try:
            pipeline.cycle()
            state["ready"] = True
        except Exception as error:  # noqa: BLE001
            logging.getLogger("s3_sentinel.pipeline").error("Pipeline cycle failed: %s", error)
            state["ready"] = False
        time.sleep(args.poll_interval)


if __name__ == "__main__":
    sys.exit(main())
