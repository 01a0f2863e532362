"""boto3 against the S3 fake, configured by environment only.

Usage (prints one JSON object on stdout; exit code 0 even when the S3 call failed, so the
caller can assert on the error it saw):

  python s3_boto3_check.py roundtrip --bucket B --prefix P [--objects N] [--page-size N]
  python s3_boto3_check.py get --bucket B --key K
  python s3_boto3_check.py put --bucket B --key K --body TEXT

The endpoint comes from AWS_ENDPOINT_URL_S3 (botocore >= 1.31), credentials from
AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, the region from AWS_DEFAULT_REGION, trust from
AWS_CA_BUNDLE, the retry mode from AWS_RETRY_MODE. Nothing is configured in code.
"""
import argparse
import json
import sys
import time

import boto3
import botocore
from botocore.exceptions import ClientError, BotoCoreError


def client():
    return boto3.client("s3")


def error_result(exc, started):
    elapsed_ms = round((time.monotonic() - started) * 1000)
    if isinstance(exc, ClientError):
        err = exc.response.get("Error", {})
        meta = exc.response.get("ResponseMetadata", {})
        return {
            "ok": False,
            "error": {
                "type": "ClientError",
                "code": err.get("Code"),
                "message": err.get("Message"),
                "status": meta.get("HTTPStatusCode"),
                "requestId": meta.get("RequestId"),
                "retryAttempts": meta.get("RetryAttempts"),
            },
            "elapsedMs": elapsed_ms,
        }
    return {"ok": False, "error": {"type": type(exc).__name__, "message": str(exc)}, "elapsedMs": elapsed_ms}


def roundtrip(args):
    s3 = client()
    result = {"botocore": botocore.__version__}
    s3.create_bucket(Bucket=args.bucket)
    keys = [f"{args.prefix}obj {i:03d} \u00fc\u2603.txt" for i in range(args.objects)]
    puts = []
    for i, key in enumerate(keys):
        body = f"body-{i}".encode()
        r = s3.put_object(Bucket=args.bucket, Key=key, Body=body)
        puts.append({"key": key, "etag": r["ETag"]})
    result["puts"] = puts
    paginator = s3.get_paginator("list_objects_v2")
    pages = []
    for page in paginator.paginate(Bucket=args.bucket, Prefix=args.prefix, PaginationConfig={"PageSize": args.page_size}):
        pages.append([o["Key"] for o in page.get("Contents", [])])
    result["pages"] = pages
    got = s3.get_object(Bucket=args.bucket, Key=keys[0])
    result["get"] = {
        "key": keys[0],
        "body": got["Body"].read().decode(),
        "etag": got["ETag"],
        "contentLength": got["ContentLength"],
        "lastModified": got["LastModified"].isoformat(),
        "requestId": got["ResponseMetadata"]["RequestId"],
    }
    head = s3.head_object(Bucket=args.bucket, Key=keys[0])
    result["head"] = {"etag": head["ETag"], "contentLength": head["ContentLength"]}
    try:
        s3.head_object(Bucket=args.bucket, Key=args.prefix + "missing")
        result["headMissing"] = None
    except ClientError as exc:
        result["headMissing"] = exc.response["Error"]["Code"]
    result["ok"] = True
    return result


def get(args):
    started = time.monotonic()
    try:
        r = client().get_object(Bucket=args.bucket, Key=args.key)
        body = r["Body"].read()
        return {"ok": True, "body": body.decode(errors="replace"), "etag": r["ETag"], "elapsedMs": round((time.monotonic() - started) * 1000)}
    except (ClientError, BotoCoreError) as exc:
        return error_result(exc, started)


def put(args):
    started = time.monotonic()
    try:
        r = client().put_object(Bucket=args.bucket, Key=args.key, Body=args.body.encode())
        return {"ok": True, "etag": r["ETag"], "elapsedMs": round((time.monotonic() - started) * 1000)}
    except (ClientError, BotoCoreError) as exc:
        return error_result(exc, started)


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    rt = sub.add_parser("roundtrip")
    rt.add_argument("--bucket", required=True)
    rt.add_argument("--prefix", default="check/")
    rt.add_argument("--objects", type=int, default=5)
    rt.add_argument("--page-size", type=int, default=2)
    g = sub.add_parser("get")
    g.add_argument("--bucket", required=True)
    g.add_argument("--key", required=True)
    p = sub.add_parser("put")
    p.add_argument("--bucket", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--body", default="hello")
    args = parser.parse_args()
    handler = {"roundtrip": roundtrip, "get": get, "put": put}[args.command]
    json.dump(handler(args), sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
