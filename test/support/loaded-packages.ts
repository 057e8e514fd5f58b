/**
 * Starts a mock, answers one request and prints which of the packages a start should not need were
 * loaded anyway (`loaded: [...]`): a test runs it in a fresh process, where nothing else loaded them.
 * With `--admin-writes`, it also adds a token and a persona through the control plane first: their checks
 * come compiled ahead of time (only Ajv's small run-time helpers load, never its compiler).
 */
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

/** CommonJS packages (the require cache lists each one loaded) and ES modules (a resolve hook sees them). */
const LAZY_PACKAGES: Readonly<Record<string, string>> = {
  yaml: '/node_modules/yaml/',
  // Ajv's compiler and the formats plugin; prepared validators need only `ajv/dist/runtime/*` and the formats' table.
  ajv: '/node_modules/ajv/dist/core.js',
  'ajv-formats': '/node_modules/ajv-formats/dist/index.js',
  'json-server': '/node_modules/json-server/',
  jose: '/node_modules/jose/',
};

// ES modules leave no require cache: a resolve hook (it runs on the loader's thread) reports each
// package file resolved. Registered before the mock is imported, hence the dynamic import below.
const { port1, port2 } = new MessageChannel();
const resolved: string[] = [];
port1.on('message', (url: string) => resolved.push(url));
const hook = `
let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (result.url.includes('/node_modules/') || result.url.startsWith('data:')) port.postMessage(result.url);
  return result;
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`, {
  data: { port: port2 },
  transferList: [port2],
});

const { createMockServer } = await import('../../mock/index.js');
const mock = createMockServer({ port: 0 });
const url = await mock.start();
await fetch(`${url}/v1/userinfo`, { headers: { authorization: 'Bearer valid' } });
if (process.argv.includes('--admin-writes')) {
  const json = { 'content-type': 'application/json' };
  for (const [path, body] of [
    ['tokens', { id: 'probe-token' }],
    ['personas', { id: 'probe', claims: { sub: '7', email: 'probe@example.com' } }],
  ] as const) {
    const response = await fetch(`${url}/__admin/${path}`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`POST /__admin/${path} answered ${response.status}`);
  }
}
await mock.close();
// The hook's messages arrive in order, on later turns: once it has reported a last import made now,
// it has reported every one before it.
const LAST = 'data:text/javascript,export{}//last';
await import(LAST);
await new Promise<void>((resolve) => {
  const check = (): void => (resolved.includes(LAST) ? resolve() : void setImmediate(check));
  check();
});
port1.close();

const paths = [...Object.keys(createRequire(import.meta.url).cache), ...resolved];
const loaded = Object.entries(LAZY_PACKAGES)
  .filter(([, file]) => paths.some((path) => path.includes(file)))
  .map(([name]) => name);
console.log(`loaded: ${JSON.stringify(loaded)}`);
