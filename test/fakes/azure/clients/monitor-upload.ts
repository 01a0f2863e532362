/**
 * Child-process client: uploads generated records with the real @azure/monitor-ingestion client and
 * DefaultAzureCredential, configured only by the environment. Prints one JSON line.
 * Args (JSON argv[2]): { endpoint, ruleId, stream, recordCount, recordBytes, timeoutMs? }; `timeoutMs`
 * aborts the upload then, as a caller's operation timeout does.
 */
import { DefaultAzureCredential } from '@azure/identity';
import { LogsIngestionClient } from '@azure/monitor-ingestion';

interface Args {
  endpoint: string;
  ruleId: string;
  stream: string;
  recordCount: number;
  recordBytes: number;
  timeoutMs?: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const client = new LogsIngestionClient(args.endpoint, new DefaultAzureCredential());
const logs = Array.from({ length: args.recordCount }, (_, n) => ({ n, payload: 'x'.repeat(args.recordBytes) }));
const startedMs = Date.now();
try {
  const abortSignal = args.timeoutMs === undefined ? undefined : AbortSignal.timeout(args.timeoutMs);
  await client.upload(args.ruleId, args.stream, logs, { abortSignal });
  console.log(JSON.stringify({ ok: true, durationMs: Date.now() - startedMs }));
} catch (error) {
  const e = error as Error & { errors?: Array<{ cause?: Error & { statusCode?: number } }> };
  const causes = (e.errors ?? []).map((x) => ({
    name: x.cause?.name,
    message: x.cause?.message,
    statusCode: x.cause?.statusCode,
  }));
  console.log(
    JSON.stringify({
      ok: false,
      durationMs: Date.now() - startedMs,
      error: { name: e.name, message: e.message, causes },
    }),
  );
}
