"""Uploads generated records with the real LogsIngestionClient and DefaultAzureCredential.

Configured by the environment alone (IDENTITY_ENDPOINT/IDENTITY_HEADER, REQUESTS_CA_BUNDLE).
Args: one JSON argv {"endpoint", "rule_id", "stream", "record_count", "record_bytes"}.
Prints one JSON line: {"ok", "duration_s", "error": {"type", "message", "status_code"}?}.
"""
import json
import sys
import time

from azure.identity import DefaultAzureCredential
from azure.monitor.ingestion import LogsIngestionClient


def main() -> None:
    args = json.loads(sys.argv[1])
    credential = DefaultAzureCredential()
    client = LogsIngestionClient(endpoint=args["endpoint"], credential=credential)
    logs = [{"n": n, "payload": "x" * args["record_bytes"]} for n in range(args["record_count"])]
    started = time.monotonic()
    try:
        client.upload(rule_id=args["rule_id"], stream_name=args["stream"], logs=logs)
        result = {"ok": True}
    except Exception as error:  # report every failure as data, the test decides
        result = {
            "ok": False,
            "error": {
                "type": type(error).__name__,
                "message": str(error)[:2000],
                "status_code": getattr(error, "status_code", None),
            },
        }
    result["duration_s"] = time.monotonic() - started
    print(json.dumps(result))


if __name__ == "__main__":
    main()
