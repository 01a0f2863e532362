/**
 * Child process for the cleanup tests: starts network faults, prints `ready <apiUrl>`,
 * and never calls stop(). argv[2] says how it ends: `exit` (process.exit), `throw` (uncaught
 * error), or `wait` (the test SIGKILLs it).
 */
import { startNetworkFaults } from '../../../harness/network/index.js';
import { startUpstreamServer } from './upstream-server.js';

const mode = process.argv[2] ?? 'exit';
const upstream = await startUpstreamServer();
const network = await startNetworkFaults({
  services: ['s3'],
  endpoints: {
    s3: upstream.url,
    keyVault: upstream.url,
    sentinel: upstream.url,
    identity: `${upstream.url}/msi/token`,
  },
  timeScale: 1,
});
// The test finds the server by its API port.
process.stdout.write(`ready ${network.apiUrl}\n`);
if (mode === 'exit') process.exit(0);
if (mode === 'throw')
  setTimeout(() => {
    throw new Error('boom (expected by the test)');
  }, 10);
if (mode === 'wait') setInterval(() => {}, 1_000);
