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

/** Header values by lower-case name, as Node's `IncomingHttpHeaders` holds them. */
export type HeaderRecord = Readonly<Record<string, string | string[] | undefined>>;

/**
 * The headers as the door holds them: names and values in turn (Node's `rawHeaders`, names spelled as the
 * client spelled them) or, from the in-process doors, values by lower-case name. The journal keeps them
 * as they are, so recording a request builds nothing.
 */
export type SentHeaders = readonly string[] | HeaderRecord;

/** One request, transport-free. */
export interface MockRequest {
  /** The method as sent (upper case for every client that follows RFC 9110). */
  readonly method: string;
  /** The request target in origin form, path and query as sent: `/v1/userinfo?x=1`. */
  readonly url: string;
  /**
   * A header's value by lower-case name, undefined when absent; a repeated header as Node reads it (the
   * first `Authorization`, `Host` or `Content-Type`, the others joined by `, `).
   */
  header(name: string): string | undefined;
  /** The headers as the door holds them, for the journal. */
  readonly sentHeaders: SentHeaders;
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
  headers: HeaderRecord,
  body: Uint8Array,
  origin?: string,
): MockRequest {
  let bodyRead: BodyRead | undefined;
  return {
    method,
    url,
    header: (name) => headerValue(headers, name),
    sentHeaders: headers,
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

/** A single header's value in a record: the first of a repeated header, undefined when absent. */
export function headerValue(headers: HeaderRecord, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The first value of header `name` (lower case) as a door holds it, any spelling of the name. */
export function firstSentHeader(sent: SentHeaders, name: string): string | undefined {
  if (!isLines(sent)) return headerValue(sent, name);
  for (let at = 0; at < sent.length; at += 2) {
    const each = sent[at] as string;
    if (each.length === name.length && each.toLowerCase() === name) return sent[at + 1];
  }
  return undefined;
}

/** Calls `each` for every header value as a door holds them (a repeated header once per value). */
export function forEachSentHeader(sent: SentHeaders, each: (name: string, value: string) => void): void {
  if (isLines(sent)) {
    for (let at = 0; at < sent.length; at += 2) each(sent[at] as string, sent[at + 1] as string);
    return;
  }
  for (const name in sent) {
    const value = sent[name];
    if (typeof value === 'string') each(name, value);
    else if (value !== undefined) for (const one of value) each(name, one);
  }
}

function isLines(sent: SentHeaders): sent is readonly string[] {
  return Array.isArray(sent);
}
