/**
 * How every reference client of the kit calls an endpoint and fails: one error model for `getUserInfo`,
 * `exchangeCode`, `validatePhoneNumberToken` and the admin client, as oauth4webapi's `ResponseBodyError`
 * is one for every endpoint. No answer: `ERR_API_UNREACHABLE`. A status that is not the call's success:
 * `ERR_API_REJECTED`, with the status, the OAuth `error` and `error_description` (or the validation
 * call's `code` and `message`), the parsed `WWW-Authenticate` and `Retry-After`. A success whose body is
 * not what the API documents: `ERR_API_INVALID`.
 */
import { KitError, type KitErrorResponse } from '../errors.js';
import { parseChallenge } from '../www-authenticate.js';

/** An answer, read: the response, its text, and the text parsed as JSON (undefined when it is not JSON). */
export interface ApiAnswer {
  readonly response: Response;
  readonly text: string;
  readonly body: unknown;
}

/**
 * Sends one request (`label` names it in messages: `POST https://host/v1/token`) and reads the answer whole;
 * rejects with `ERR_API_UNREACHABLE` when none came.
 */
export async function callApi(label: string, send: () => Promise<Response>): Promise<ApiAnswer> {
  let response: Response;
  let text: string;
  try {
    response = await send();
    text = await response.text();
  } catch (cause) {
    const reason =
      cause instanceof Error
        ? cause.cause instanceof Error
          ? cause.cause.message
          : cause.message
        : String(cause);
    throw new KitError('ERR_API_UNREACHABLE', `${label} got no answer: ${reason}.`, { cause });
  }
  return { response, text, body: parseJson(text) };
}

/** The `ERR_API_REJECTED` of an answer whose status is not the call's success. */
export function rejected(label: string, { response, body }: ApiAnswer): KitError {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const challenge = parseChallenge(response.headers.get('www-authenticate'));
  const retryAfter = response.headers.get('retry-after');
  const details: KitErrorResponse = {
    status: response.status,
    ...(typeof fields.error === 'string' ? { error: fields.error } : {}),
    ...(typeof fields.error_description === 'string' ? { errorDescription: fields.error_description } : {}),
    ...(Number.isInteger(fields.code) ? { code: fields.code as number } : {}),
    ...(typeof fields.message === 'string' ? { message: fields.message } : {}),
    ...(challenge ? { challenge } : {}),
    ...(retryAfter === null ? {} : { retryAfter }),
  };
  return new KitError('ERR_API_REJECTED', `${label} answered ${response.status}${reasonOf(details)}`, {
    response: details,
  });
}

// The OAuth `error: error_description` of the token and userinfo calls, or the validation call's `code: message`.
function reasonOf({ error, errorDescription, code, message }: KitErrorResponse): string {
  if (error) return ` ${error}${errorDescription ? `: ${errorDescription}` : ''}`;
  if (code !== undefined) return ` code ${code}${message ? `: ${message}` : ''}`;
  return '';
}

/** The `ERR_API_INVALID` of a success whose body is not what the API documents (`expected` says what is). */
export function invalid(label: string, { response, text }: ApiAnswer, expected: string): KitError {
  return new KitError(
    'ERR_API_INVALID',
    `${label} answered ${response.status} without ${expected}: ${text.slice(0, 200)}`,
    { response: { status: response.status } },
  );
}

/** Whether `value` is a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
