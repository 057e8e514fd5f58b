/**
 * A mock for a process started under a low descriptor limit (`ulimit -n`): it prints its base URL and
 * serves until SIGTERM. Its timeouts are long, so only the guard of descriptors can make room for new
 * connections while silent ones are open.
 */
import { createMockServer } from '../../mock/index.js';

const mock = createMockServer({
  headersTimeoutMs: 60_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 60_000,
});
console.log(`listening on ${await mock.start()}`);
process.once('SIGTERM', () => void mock.close().then(() => process.exit(0)));
