// RFC 7235 §2.1: the scheme is case-insensitive and one or more spaces separate it from the token.
// Node has already trimmed the header value, so a bare "Bearer" has no token. The token is the rest
// (line breaks included: Node and fetch refuse them, and a token holding one matches no known token).
const BEARER_CREDENTIALS = /^bearer +(.+)$/is;
const CANONICAL_SCHEME = 'Bearer ';
const SPACE = 0x20;

/**
 * The bearer token of an `Authorization` header, or null when the request carries no bearer credentials
 * (no header, another scheme, `Bearer` alone). A token is returned as sent, odd bytes and all: it simply
 * matches no known token.
 *
 * @example
 * readBearerToken('bearer  valid'); // 'valid'
 * readBearerToken('Basic dXNlcjpwYXNz'); // null
 */
export function readBearerToken(header: string | undefined): string | null {
  if (header === undefined) return null;
  // The spelling nearly every client sends, `Bearer <token>`, read without the regular expression: it
  // was a sixth of the mock's own time on the hot path. Any other spelling takes the expression.
  if (
    header.startsWith(CANONICAL_SCHEME) &&
    header.length > CANONICAL_SCHEME.length &&
    header.charCodeAt(CANONICAL_SCHEME.length) !== SPACE
  )
    return header.slice(CANONICAL_SCHEME.length);
  const match = BEARER_CREDENTIALS.exec(header);
  return match ? (match[1] ?? null) : null;
}

/** RFC 6750 §2.1 `b64token`: the syntax a token the kit issues or accepts in a config file must have. */
export const TOKEN_PATTERN = '^[A-Za-z0-9._~+/-]+=*$';
