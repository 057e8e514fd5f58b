/**
 * The load of the replicas part's exchanges (run by replicas-bench.ts): autocannon posting
 * `grant_type=authorization_code` exchanges, each of a code not used before (`<prefix><n>`, n counting
 * from `first`), so every 200 is one code marked used and one access and one refresh token stored.
 * Prints autocannon's result as JSON, with `next`: the first code it did not use.
 *
 * node exchange-load.mjs <url> <first> <seconds> <connections>
 */
import autocannon from 'autocannon';

const [url = '', first = '0', seconds = '2', connections = '32'] = process.argv.slice(2);
let next = Number(first);
const result = await autocannon({
  url: `${url}/v1/token`,
  connections: Number(connections),
  duration: Number(seconds),
  requests: [
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      setupRequest(request) {
        const code = `c${String(next++).padStart(6, '0')}`;
        const body = `grant_type=authorization_code&client_id=kit-test-client&code=${code}&code_verifier=0123456789012345678901234567890123456789abc`;
        return { ...request, body };
      },
    },
  ],
});
process.stdout.write(JSON.stringify({ ...result, next }));
