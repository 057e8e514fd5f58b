/**
 * Starts a mock, answers one request and prints which of the packages a start should not need were
 * loaded anyway (`loaded: [...]`): a test runs it in a fresh process, where nothing else loaded them.
 */
import { createRequire } from 'node:module';
import { createMockServer } from '../../mock/index.js';

const LAZY_PACKAGES = ['yaml', 'ajv', 'ajv-formats', 'json-server'];

const mock = createMockServer({ port: 0 });
const url = await mock.start();
await fetch(`${url}/v1/userinfo`, { headers: { authorization: 'Bearer valid' } });
await mock.close();

// They are CommonJS, loaded through createRequire: the require cache lists each one that was.
const cached = Object.keys(createRequire(import.meta.url).cache);
const loaded = LAZY_PACKAGES.filter((name) => cached.some((path) => path.includes(`/node_modules/${name}/`)));
console.log(`loaded: ${JSON.stringify(loaded)}`);
