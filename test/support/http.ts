import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { getResponseValidator } from '../../src/openapi/response-validator.js';
import type { HttpMethod } from '../../src/openapi/api-document.js';

/** A response as the tests look at it: status, lower-case headers, raw text and parsed JSON. */
export interface TestResponse {
  status: number;
  headers: Record<string, string | undefined>;
  text: string;
  json: unknown;
}

/** Sends a request with fetch (the global one, or a door's) and reads the whole answer. */
export async function request(
  url: string,
  init: RequestInit = {},
  send: typeof fetch = fetch,
): Promise<TestResponse> {
  return readResponse(await send(url, init));
}

/** Reads a whole answer (of any fetch: the global one, `mock.fetch`, MSW's). */
export async function readResponse(response: Response): Promise<TestResponse> {
  const text = await response.text();
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    text,
    json: parseJson(text),
  };
}

/**
 * Writes raw bytes to the server, half-closes, and reads until it closes the connection: for requests
 * that fetch refuses to send (odd bytes, oversized headers). The request should carry `Connection: close`.
 */
export function rawRequest(url: string, raw: Buffer | string): Promise<TestResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(raw));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const all = Buffer.concat(chunks).toString('latin1');
      const split = all.indexOf('\r\n\r\n');
      const [statusLine = '', ...headerLines] = all.slice(0, split).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      const text = all.slice(split + 4);
      resolve({ status: Number(statusLine.split(' ')[1]), headers, text, json: parseJson(text) });
    });
  });
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Problems of a response against `openapi.yaml` for the operation at `path`; empty when it conforms. */
export function openApiProblems(path: string, method: HttpMethod, response: TestResponse): string[] {
  return getResponseValidator().validateResponse(path, method, {
    status: response.status,
    headers: response.headers,
    body: response.json,
  });
}

/** Problems of a body against one schema of `openapi.yaml` (for answers outside any operation). */
export function schemaProblems(schemaName: string, value: unknown): string[] {
  return getResponseValidator().validateSchema(schemaName, value);
}

/** Calls the mock's admin API: a JSON body (a string is sent as is, for malformed bodies) and extra headers. */
export function adminRequest(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  send: typeof fetch = fetch,
): Promise<TestResponse> {
  const init: RequestInit = { method, headers: { 'content-type': 'application/json', ...headers } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  return request(`${baseUrl}${path}`, init, send);
}

/**
 * Posts a form the way `curl -d` does: node:http (not fetch), curl's headers, its own connection.
 * Resolves with the status.
 */
export function curlForm(url: string, form: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      url,
      {
        method: 'POST',
        agent: false,
        headers: {
          'user-agent': 'curl/8.5.0',
          accept: '*/*',
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': String(Buffer.byteLength(form)),
          ...headers,
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(form);
  });
}
