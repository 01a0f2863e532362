import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startNetworkFaults, ToxiproxyNotInstalledError } from '../../harness/network/index.js';
import { eventually } from '../helpers/eventually.js';
import { liveToxiproxyOnPort, toxiproxyStartedByThisProcess } from './helpers/process-group.js';
import { startUpstreamServer } from './helpers/upstream-server.js';

const apiPort = (apiUrl: string): number => Number(new URL(apiUrl).port);

async function apiAnswers(apiUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${apiUrl}/version`, { signal: AbortSignal.timeout(1_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

describe('toxiproxy lifecycle', () => {
  it('starts the server on loopback, creates one proxy per service, and stops without leaving a process', async () => {
    await using upstream = await startUpstreamServer();
    const network = await startNetworkFaults({
      services: ['s3', 'sentinel'],
      endpoints: {
        s3: upstream.url,
        keyVault: 'https://127.0.0.1:1',
        sentinel: upstream.url,
        identity: 'http://127.0.0.1:1/msi/token',
      },
      timeScale: 1,
    });
    expect(network.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const proxies = (await (await fetch(`${network.apiUrl}/proxies`)).json()) as Record<
      string,
      { listen: string; upstream: string; enabled: boolean }
    >;
    expect(Object.keys(proxies).sort()).toEqual(['s3', 'sentinel']);
    expect(proxies.s3).toMatchObject({ upstream: new URL(upstream.url).host, enabled: true });
    expect(network.endpoints.s3).toBe(`http://${proxies.s3!.listen}`);
    expect(network.endpoints.keyVault).toBe('https://127.0.0.1:1');
    const body = await (await fetch(`${network.endpoints.s3}/bytes/5`)).text();
    expect(body).toBe('xxxxx');
    expect(liveToxiproxyOnPort(apiPort(network.apiUrl))).toHaveLength(1);
    expect(toxiproxyStartedByThisProcess()).toHaveLength(1);

    await network.stop();
    await network.stop();
    expect(liveToxiproxyOnPort(apiPort(network.apiUrl))).toEqual([]);
    expect(toxiproxyStartedByThisProcess()).toEqual([]);
    expect(await apiAnswers(network.apiUrl)).toBe(false);
    await expect(network.inject({ id: 'late', service: 's3', toxic: 'partition' })).rejects.toThrow(
      /network faults were stopped/,
    );
  });

  it('substitutes the proxied URLs in the fakes environment block, keeping paths', async () => {
    await using upstream = await startUpstreamServer();
    const port = new URL(upstream.url).port;
    await using network = await startNetworkFaults({
      services: ['s3', 'identity'],
      endpoints: {
        s3: upstream.url,
        keyVault: 'https://127.0.0.1:1',
        sentinel: 'https://127.0.0.1:2',
        identity: `${upstream.url}/msi/token`,
      },
      timeScale: 1,
    });
    const env = network.env({
      AWS_ENDPOINT_URL_S3: upstream.url,
      AWS_ENDPOINT_URL: upstream.url,
      IDENTITY_ENDPOINT: `${upstream.url}/msi/token`,
      KEY_VAULT_URL: 'https://127.0.0.1:1',
      AWS_REGION: 'us-east-1',
    });
    const s3Listen = new URL(network.endpoints.s3).host;
    const identityListen = new URL(network.endpoints.identity).host;
    expect(s3Listen).not.toBe(`127.0.0.1:${port}`);
    expect(env).toEqual({
      AWS_ENDPOINT_URL_S3: `http://${s3Listen}`,
      AWS_ENDPOINT_URL: `http://${s3Listen}`,
      IDENTITY_ENDPOINT: `http://${identityListen}/msi/token`,
      KEY_VAULT_URL: 'https://127.0.0.1:1',
      AWS_REGION: 'us-east-1',
    });
    expect(network.endpoints.identity).toBe(`http://${identityListen}/msi/token`);
  });

  it('names the setup command when toxiproxy-server is missing', async () => {
    const attempt = startNetworkFaults({
      services: ['s3'],
      endpoints: {
        s3: 'http://127.0.0.1:1',
        keyVault: 'https://127.0.0.1:1',
        sentinel: 'https://127.0.0.1:1',
        identity: 'http://127.0.0.1:1/msi/token',
      },
      timeScale: 1,
      binaryPath: '/nonexistent/toxiproxy-server',
    });
    await expect(attempt).rejects.toBeInstanceOf(ToxiproxyNotInstalledError);
    await expect(attempt).rejects.toThrow(/npm run setup.*node scripts\/setup\.mjs --only toxiproxy/);
  });

  const childEndings = [
    { mode: 'exit', how: 'exits without calling stop()' },
    { mode: 'throw', how: 'dies of an uncaught exception' },
    { mode: 'wait', how: 'is killed with SIGKILL' },
  ] as const;
  for (const { mode, how } of childEndings) {
    it(`leaves no toxiproxy process when the harness process ${how}`, async () => {
      const script = fileURLToPath(new URL('./helpers/leaky-child.ts', import.meta.url));
      const child = spawn(process.execPath, ['--import', 'tsx', script, mode], {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await eventually(() => /ready (\S+)/.test(stdout) || child.exitCode !== null, {
        timeoutMs: 20_000,
        what: 'the child to start toxiproxy',
      });
      const apiUrl = /ready (\S+)/.exec(stdout)?.[1];
      expect(apiUrl, `child output: ${stdout}`).toBeDefined();
      const port = apiPort(apiUrl!);
      if (mode === 'wait') {
        expect(liveToxiproxyOnPort(port)).toHaveLength(1);
        child.kill('SIGKILL');
      }
      await exited;
      await eventually(() => liveToxiproxyOnPort(port).length === 0, {
        timeoutMs: 5_000,
        what: `toxiproxy on API port ${port} to be gone`,
      });
      expect(await apiAnswers(apiUrl!)).toBe(false);
    });
  }
});
