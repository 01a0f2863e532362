import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SystemClock } from '../../../fakes/core/clock.js';
import { startFakeServer } from '../../../fakes/core/fake-server.js';
import { FaultEngine } from '../../../fakes/core/fault-engine.js';
import { Journal } from '../../../fakes/core/journal.js';
import { createRunCertificates } from '../../../fakes/core/tls.js';
import { createTinyService } from './helpers/tiny-service.js';

const run = promisify(execFile);
const PYTHON = '.venv/bin/python';

/** Python's strictest default path: ssl.create_default_context + VERIFY_X509_STRICT, then requests and aiohttp. */
const PYTHON_CLIENTS = `
import asyncio, ssl, sys, urllib.request
import aiohttp, requests
base, ca = sys.argv[1], sys.argv[2]
ctx = ssl.create_default_context(cafile=ca)
ctx.verify_flags |= ssl.VERIFY_X509_STRICT
for host in ('127.0.0.1', 'localhost'):
    url = base.replace('127.0.0.1', host) + '/echo-query?via=urllib'
    assert urllib.request.urlopen(url, context=ctx).status == 200
assert requests.get(base + '/echo-query?via=requests', verify=ca).status_code == 200
async def main():
    async with aiohttp.ClientSession() as session:
        async with session.get(base + '/echo-query?via=aiohttp', ssl=ctx) as response:
            assert response.status == 200
asyncio.run(main())
print('ok')
`;

describe('createRunCertificates', () => {
  it('writes a CA that Python (ssl, requests, aiohttp) and Node trust on loopback; dispose removes it', async () => {
    const certs = await createRunCertificates();
    const clock = new SystemClock();
    const server = await startFakeServer({
      definition: createTinyService(),
      engine: new FaultEngine({ clock }),
      journal: new Journal(),
      clock,
      tls: { cert: certs.certPem, key: certs.keyPem },
    });
    try {
      expect(readFileSync(certs.caCertPath, 'utf8')).toBe(certs.caCertPem);
      const { stdout } = await run(PYTHON, ['-c', PYTHON_CLIENTS, server.url, certs.caCertPath], { timeout: 60_000 });
      expect(stdout.trim()).toBe('ok');
      const node = await run(
        process.execPath,
        ['-e', `fetch(process.argv[1] + '/echo-query').then((r) => console.log(r.status))`, server.url],
        {
          env: { PATH: process.env.PATH ?? '', NODE_EXTRA_CA_CERTS: certs.caCertPath },
        },
      );
      expect(node.stdout.trim()).toBe('200');
    } finally {
      await server.stop();
      await certs.dispose();
    }
    expect(existsSync(certs.dir)).toBe(false);
  });
});
