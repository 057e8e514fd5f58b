// Started by the cold-start benchmark, once per run: starts the built mock in-process (import,
// createMockServer, start), or a bare node:http server (import, createServer, listen), and prints when
// it was ready, in milliseconds since the process began, and how long the import took.
import { performance } from 'node:perf_hooks';

const [kind, mockModule] = process.argv.slice(2);
const began = performance.now();
let imported;
let close;
if (kind === 'mock') {
  const { createMockServer } = await import(mockModule);
  imported = performance.now();
  const mock = createMockServer({ port: 0 });
  await mock.start();
  close = () => mock.close();
} else {
  const { createServer } = await import('node:http');
  imported = performance.now();
  const server = createServer((request, response) => response.end());
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => new Promise((resolve) => server.close(resolve));
}
const ready = performance.now();
console.log(JSON.stringify({ ready, importMs: imported - began }));
await close();
