/**
 * Reads a form-encoded request body for the mock's POST routes (a test double, not for production),
 * with a size limit, without ever waiting for more than the limit or throwing.
 */
import type { IncomingMessage } from 'node:http';

/** The most the mock reads of a form body: far above any real token request, far below harm. */
export const FORM_BODY_LIMIT = 16 * 1024;

/** The one media type `POST /v1/token` and `/v1/revoke` accept (documented for the token exchange). */
export const FORM_TYPE = 'application/x-www-form-urlencoded';

/** Whether a Content-Type header names the form media type, whatever its parameters and case. */
export function isFormType(contentType: string | undefined): boolean {
  return contentType?.split(';', 1)[0]?.trim().toLowerCase() === FORM_TYPE;
}

/** A form that was read, or why it could not be (`tooLarge` answers should close the connection). */
export type FormBody =
  | { readonly ok: true; readonly fields: URLSearchParams }
  | { readonly ok: false; readonly problem: string; readonly tooLarge: boolean };

/**
 * Reads `request`'s body as `application/x-www-form-urlencoded`. The content type and a declared
 * `Content-Length` are checked before a byte is read; a body that grows past `limit` is abandoned.
 */
export function readFormBody(request: IncomingMessage, limit: number = FORM_BODY_LIMIT): Promise<FormBody> {
  const contentType = request.headers['content-type'];
  if (!isFormType(contentType)) {
    const got = contentType === undefined ? 'none' : JSON.stringify(contentType.slice(0, 100));
    return Promise.resolve(
      refuse(`Content-Type must be ${FORM_TYPE} (got ${got}); send the fields as a form, not JSON.`),
    );
  }
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.resolve(refuse(tooLarge(limit), true));

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: FormBody): void => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        request.pause();
        finish(refuse(tooLarge(limit), true));
      } else chunks.push(chunk);
    };
    const onEnd = (): void =>
      finish({ ok: true, fields: new URLSearchParams(Buffer.concat(chunks).toString('utf8')) });
    const onError = (): void => finish(refuse('The request body could not be read to its end.'));
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}

function refuse(problem: string, isTooLarge = false): FormBody {
  return { ok: false, problem, tooLarge: isTooLarge };
}

function tooLarge(limit: number): string {
  return `The request body is larger than ${limit / 1024} KiB; a token request is a few hundred bytes.`;
}
