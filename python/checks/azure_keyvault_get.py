"""Gets (optionally first sets) a secret with the real SecretClient, sync or aio.

Configured by the environment alone: DefaultAzureCredential resolves through IDENTITY_ENDPOINT;
sync trusts the CA through REQUESTS_CA_BUNDLE, aio (aiohttp) through SSL_CERT_FILE.
Args: one JSON argv {"vault_url", "name", "mode": "sync"|"aio", "set_value"?, "warmup_name"?};
warmup_name is read first, so the challenge is done before `name`.
Prints one JSON line: {"ok", "value", "id", "version", "duration_s", "error"?}.
"""
import asyncio
import json
import sys
import time


def describe(secret):
    return {"value": secret.value, "id": secret.id, "version": secret.properties.version}


def failure(error):
    return {
        "ok": False,
        "error": {
            "type": type(error).__name__,
            "message": str(error)[:2000],
            "status_code": getattr(error, "status_code", None),
        },
    }


def run_sync(args):
    from azure.identity import DefaultAzureCredential
    from azure.keyvault.secrets import SecretClient

    client = SecretClient(vault_url=args["vault_url"], credential=DefaultAzureCredential())
    if args.get("warmup_name") is not None:
        client.get_secret(args["warmup_name"])
    if args.get("set_value") is not None:
        client.set_secret(args["name"], args["set_value"])
    return {"ok": True, **describe(client.get_secret(args["name"]))}


async def run_aio(args):
    from azure.identity.aio import DefaultAzureCredential
    from azure.keyvault.secrets.aio import SecretClient

    async with DefaultAzureCredential() as credential:
        async with SecretClient(vault_url=args["vault_url"], credential=credential) as client:
            if args.get("warmup_name") is not None:
                await client.get_secret(args["warmup_name"])
            if args.get("set_value") is not None:
                await client.set_secret(args["name"], args["set_value"])
            return {"ok": True, **describe(await client.get_secret(args["name"]))}


def main() -> None:
    args = json.loads(sys.argv[1])
    started = time.monotonic()
    try:
        result = asyncio.run(run_aio(args)) if args.get("mode") == "aio" else run_sync(args)
    except Exception as error:  # report every failure as data, the test decides
        result = failure(error)
    result["duration_s"] = time.monotonic() - started
    print(json.dumps(result))


if __name__ == "__main__":
    main()
