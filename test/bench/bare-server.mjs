// The baseline of the benchmark: a bare node:http server that answers every request with one fixed
// response (status, headers and body read from a JSON file), doing nothing else.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [file, port = '0'] = process.argv.slice(2);
const { status, headers, body } = JSON.parse(readFileSync(file, 'utf8'));
const payload = Buffer.from(body, 'utf8');

const server = createServer((request, response) => {
  response.writeHead(status, headers);
  response.end(payload);
});
server.listen(Number(port), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
