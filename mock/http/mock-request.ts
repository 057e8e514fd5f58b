/**
 * A request as every door hands it to the engine (a test double, not for production): method, target,
 * headers and a body read on demand. No sockets and no streams, so the same engine answers `node:http`,
 * `fetch` and MSW alike.
 */

/** What reading a body gave: its bytes, or why there are none. */
export type BodyRead =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | {
      readonly ok: false;
      /** `too-large`: declared or sent past the limit (the door stops reading); `aborted`: the client went away. */
      readonly reason: 'too-large' | 'aborted';
    };

/** One request, transport-free. */
export interface MockRequest {
  /** The method as sent (upper case for every client that follows RFC 9110). */
  readonly method: string;
  /** The request target in origin form, path and query as sent: `/v1/userinfo?x=1`. */
  readonly url: string;
  /** Header values by lower-case name, as Node's `IncomingHttpHeaders` holds them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /**
   * The body, up to `limit` bytes; a body declared or sent larger is refused without reading the rest.
   * Reading again gives the same result.
   */
  readBody(limit: number): Promise<BodyRead>;
  /** The body as far as it was read, for the journal; undefined while nobody asked for it. */
  readonly bodyRead: BodyRead | undefined;
  /** The scheme and host the client called (`https://oauth-account-noneu.truecaller.com`), where the door knows it. */
  readonly origin?: string | undefined;
}

/** A request with this body already in hand: what the in-process doors build. */
export function requestWithBody(
  method: string,
  url: string,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  body: Uint8Array,
  origin?: string,
): MockRequest {
  let bodyRead: BodyRead | undefined;
  return {
    method,
    url,
    headers,
    origin,
    get bodyRead() {
      return bodyRead;
    },
    readBody(limit) {
      bodyRead ??= body.length > limit ? { ok: false, reason: 'too-large' } : { ok: true, bytes: body };
      return Promise.resolve(bodyRead);
    },
  };
}

/** A single header's value: the first of a repeated header, undefined when absent. */
export function headerValue(request: Pick<MockRequest, 'headers'>, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
