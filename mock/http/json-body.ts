/**
 * Reads a JSON request body (the control plane's; a test double, not for production): size-limited,
 * and refusing the keys that could reach an object's prototype when a record is merged into the store.
 */
import type { MockRequest } from './mock-request.js';

/** The largest admin request body accepted by default: 64 KiB is far more than a token or persona needs. */
export const DEFAULT_JSON_BODY_LIMIT = 64 * 1024;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A parsed body (undefined when empty), or why it was refused: too large (413) or not acceptable JSON (400). */
export type JsonBody =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly status: 400 | 413; readonly problem: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads and parses `request`'s body as JSON; never throws. */
export async function readJsonBody(request: MockRequest, limit: number): Promise<JsonBody> {
  const body = await request.readBody(limit);
  if (!body.ok) {
    return body.reason === 'too-large'
      ? {
          ok: false,
          status: 413,
          problem: `The request body is larger than ${limit} bytes, the admin API's limit.`,
        }
      : { ok: false, status: 400, problem: 'The request body could not be read to its end.' };
  }
  let text: string;
  try {
    text = utf8.decode(body.bytes);
  } catch {
    return { ok: false, status: 400, problem: 'The request body is not UTF-8 text.' };
  }
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return {
      ok: true,
      value: JSON.parse(text, (key, value: unknown) => {
        if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKey(key);
        return value;
      }) as unknown,
    };
  } catch (error) {
    return { ok: false, status: 400, problem: parseProblem(error) };
  }
}

/** Why a body could not be parsed, as the answer says it. */
function parseProblem(error: unknown): string {
  if (error instanceof ForbiddenKey)
    return `The request body is refused: the key "${error.key}" is not allowed (it could reach the prototype of a stored record).`;
  // Valid JSON nested deeper than the reviver's recursion reaches: say that, not "not valid JSON".
  if (error instanceof RangeError)
    return 'The request body nests arrays or objects too deeply to be read; an admin record is a few levels deep.';
  return `The request body is not valid JSON: ${(error as Error).message}.`;
}

class ForbiddenKey extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}
