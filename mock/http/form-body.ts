/**
 * Reads a form-encoded request body for the mock's POST routes (a test double, not for production),
 * with a size limit, never waiting for more than the limit and never throwing.
 */
import { headerValue, type MockRequest } from './mock-request.js';

/** The most the mock reads of a form body: far above any real token request, far below harm. */
export const FORM_BODY_LIMIT = 16 * 1024;

/** The one media type `POST /v1/token` and `/v1/revoke` accept (documented for the token exchange). */
export const FORM_TYPE = 'application/x-www-form-urlencoded';

/** Whether a Content-Type header names the form media type, whatever its parameters and case. */
export function isFormType(contentType: string | undefined): boolean {
  return contentType?.split(';', 1)[0]?.trim().toLowerCase() === FORM_TYPE;
}

/** A form that was read, or why it could not be (`tooLarge`: the rest of the body was left unread). */
export type FormBody =
  | { readonly ok: true; readonly fields: URLSearchParams }
  | { readonly ok: false; readonly problem: string; readonly tooLarge: boolean };

const utf8 = new TextDecoder();

/**
 * Reads `request`'s body as `application/x-www-form-urlencoded`. The content type is checked before a
 * byte is read; a body declared or sent past `limit` is refused at once.
 */
export async function readFormBody(request: MockRequest, limit: number = FORM_BODY_LIMIT): Promise<FormBody> {
  const contentType = headerValue(request, 'content-type');
  if (!isFormType(contentType)) {
    const got = contentType === undefined ? 'none' : JSON.stringify(contentType.slice(0, 100));
    return refuse(`Content-Type must be ${FORM_TYPE} (got ${got}); send the fields as a form, not JSON.`);
  }
  const body = await request.readBody(limit);
  if (body.ok) return { ok: true, fields: new URLSearchParams(utf8.decode(body.bytes)) };
  return body.reason === 'too-large'
    ? refuse(
        `The request body is larger than ${limit / 1024} KiB; a token request is a few hundred bytes.`,
        true,
      )
    : refuse('The request body could not be read to its end.');
}

/**
 * The one rule for a form's repeated fields, for every route that reads a form (RFC 6749 §3.2: "request
 * and response parameters MUST NOT be included more than once"): the problem naming each field sent more
 * than once, or undefined when none was.
 */
export function repeatedFieldsProblem(fields: URLSearchParams): string | undefined {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const name of fields.keys()) (seen.has(name) ? repeated : seen).add(name);
  if (repeated.size === 0) return undefined;
  return `Sent more than once: ${[...repeated].map((name) => name.slice(0, 64)).join(', ')}.`;
}

function refuse(problem: string, tooLarge = false): FormBody {
  return { ok: false, problem, tooLarge };
}
