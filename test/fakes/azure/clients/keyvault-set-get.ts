/**
 * Child-process client: sets then gets a secret with the real @azure/keyvault-secrets client and
 * DefaultAzureCredential, configured only by the environment. Prints one JSON line.
 * Args (JSON argv[2]): { vaultUrl, name, value?, warmupName?, disableChallengeResourceVerification? };
 * no value: get only; warmupName: get that secret first, so the challenge is done before `name`.
 */
import { DefaultAzureCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';

interface Args {
  vaultUrl: string;
  name: string;
  value?: string;
  warmupName?: string;
  disableChallengeResourceVerification?: boolean;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const client = new SecretClient(
  args.vaultUrl,
  new DefaultAzureCredential(),
  args.disableChallengeResourceVerification ? { disableChallengeResourceVerification: true } : {},
);
const startedMs = Date.now();
try {
  if (args.warmupName !== undefined) await client.getSecret(args.warmupName);
  const set = args.value === undefined ? undefined : await client.setSecret(args.name, args.value);
  const got = await client.getSecret(args.name);
  console.log(
    JSON.stringify({
      ok: true,
      durationMs: Date.now() - startedMs,
      set: set && { id: set.properties.id, version: set.properties.version, vaultUrl: set.properties.vaultUrl },
      got: {
        value: got.value,
        id: got.properties.id,
        name: got.name,
        version: got.properties.version,
        createdOn: got.properties.createdOn,
      },
    }),
  );
} catch (error) {
  const e = error as Error & { statusCode?: number; code?: string };
  console.log(
    JSON.stringify({
      ok: false,
      durationMs: Date.now() - startedMs,
      error: { name: e.name, message: e.message, statusCode: e.statusCode, code: e.code },
    }),
  );
}
