import { readFile } from 'node:fs/promises';
import { KitError } from '../../src/errors.js';
import { fileProblem } from '../../src/file-errors.js';
import { jsonFileText } from '../../src/json-text.js';

/** One provider state of an interaction, with its parameters. */
export interface PactProviderState {
  name: string;
  params: Readonly<Record<string, unknown>>;
}

/** An HTTP interaction of a pact, the same for specification V2, V3 and V4. */
export interface PactInteraction {
  description: string;
  providerStates: PactProviderState[];
  /** The request's method, upper case, and path. */
  method: string;
  path: string;
  /** Header names in lower case; several values are joined with ", ". */
  requestHeaders: Readonly<Record<string, string>>;
  /** The request body as the pact holds it (a form as its encoded string), or undefined for none. */
  requestBody: unknown;
  status: number;
  /** The response headers the pact expects, names in lower case. */
  responseHeaders: Readonly<Record<string, string>>;
  /** The expected response body, or undefined for none. */
  responseBody: unknown;
  /** The interaction type of a V4 pact (`Synchronous/HTTP`, ...); HTTP for older pacts. */
  type: string;
}

/** A pact read from a file or URL, with its raw JSON for the verifier and the comparator. */
export interface PactFile {
  /** The file path or URL it came from. */
  source: string;
  consumer: string;
  provider: string;
  interactions: PactInteraction[];
  json: Readonly<Record<string, unknown>>;
}

/** The V4 type of an HTTP interaction; the only kind `verify` replays. */
export const HTTP_INTERACTION = 'Synchronous/HTTP';

/** A request's form fields: a V4 pact holds a form as its encoded string, a hand-written V3 pact may hold an object. */
export function formFields(body: unknown): URLSearchParams {
  if (typeof body === 'string') return new URLSearchParams(body);
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    return new URLSearchParams(
      Object.entries(body as Record<string, unknown>).map(([key, value]): [string, string] => [
        key,
        String(value),
      ]),
    );
  }
  return new URLSearchParams();
}

/**
 * Reads a pact from a file path or an `http(s)://` URL; a `KitError` (`ERR_PACT_UNREADABLE`) names the
 * source and why when it cannot be read or is not a pact.
 */
export async function readPactFile(source: string): Promise<PactFile> {
  let text: string;
  try {
    text = /^https?:\/\//i.test(source) ? await fetchText(source) : await readFileText(source);
  } catch (cause) {
    const reason =
      (cause as NodeJS.ErrnoException).syscall !== undefined
        ? `${fileProblem(cause)}; check the path`
        : cause instanceof Error
          ? cause.message
          : String(cause);
    throw new KitError('ERR_PACT_UNREADABLE', `Cannot read the pact ${source}: ${reason}.`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new KitError('ERR_PACT_UNREADABLE', `The pact ${source} is not JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
  return parsePact(json, source);
}

/** A pact file's text; an Error saying why when its bytes are no UTF-8 text (UTF-16 among them). */
async function readFileText(file: string): Promise<string> {
  const decoded = jsonFileText(await readFile(file));
  if (!decoded.ok) throw new Error(decoded.problem);
  return decoded.text;
}

async function fetchText(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' } });
  } catch (error) {
    // fetch says only "fetch failed"; the reason is in its cause.
    throw new Error(`${unreachable(error)}; check the URL and that the server is up`, { cause: error });
  }
  if (!response.ok) throw new Error(`the server answered ${response.status}`);
  return response.text();
}

function unreachable(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return 'the connection was refused (nothing listens there)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve';
    case 'ECONNRESET':
      return 'the connection was reset';
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return 'the connection timed out';
    default:
      return `it cannot be fetched (${cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))})`;
  }
}

function parsePact(json: unknown, source: string): PactFile {
  const pact = asRecord(json);
  const consumer = asRecord(pact?.consumer)?.name;
  const provider = asRecord(pact?.provider)?.name;
  const interactions = pact?.interactions;
  if (!pact || typeof consumer !== 'string' || typeof provider !== 'string' || !Array.isArray(interactions)) {
    throw new KitError(
      'ERR_PACT_UNREADABLE',
      `The pact ${source} is not a pact file: it needs "consumer.name", "provider.name" and "interactions".`,
    );
  }
  const version = asRecord(asRecord(pact.metadata)?.pactSpecification)?.version;
  const v4 = typeof version === 'string' && version.startsWith('4');
  return {
    source,
    consumer,
    provider,
    interactions: interactions.map((interaction) => parseInteraction(asRecord(interaction) ?? {}, v4)),
    json: pact,
  };
}

function parseInteraction(interaction: Record<string, unknown>, v4: boolean): PactInteraction {
  const request = asRecord(interaction.request) ?? {};
  const response = asRecord(interaction.response) ?? {};
  const states: PactProviderState[] = Array.isArray(interaction.providerStates)
    ? interaction.providerStates.map((state) => {
        const record = asRecord(state) ?? {};
        return { name: String(record.name), params: asRecord(record.params) ?? {} };
      })
    : typeof interaction.providerState === 'string'
      ? [{ name: interaction.providerState, params: {} }]
      : [];
  const headers = lowerCaseHeaders(request.headers);
  // V4 wraps a body as { content, contentType, encoded }; V2 and V3 hold it as it is.
  const body = v4 ? asRecord(response.body)?.content : response.body;
  const requestBody = v4 ? asRecord(request.body)?.content : request.body;
  const requestType = v4 ? asRecord(request.body)?.contentType : undefined;
  // Pact puts a body's media type beside it rather than in the headers when the consumer set none.
  if (headers['content-type'] === undefined && typeof requestType === 'string') {
    headers['content-type'] = requestType;
  }
  return {
    description: String(interaction.description),
    providerStates: states,
    method: typeof request.method === 'string' ? request.method.toUpperCase() : 'GET',
    path: typeof request.path === 'string' ? request.path : '/',
    requestHeaders: headers,
    requestBody,
    status: Number(response.status),
    responseHeaders: lowerCaseHeaders(response.headers),
    responseBody: body,
    type: typeof interaction.type === 'string' ? interaction.type : HTTP_INTERACTION,
  };
}

// Names in lower case; several values (V4 holds a list) joined with ", ".
function lowerCaseHeaders(value: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(asRecord(value) ?? {})) {
    headers[name.toLowerCase()] = Array.isArray(header) ? header.map(String).join(', ') : String(header);
  }
  return headers;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
