/** One `WWW-Authenticate` challenge: its scheme and its auth-params (names in lower case). */
export interface BearerChallenge {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

// RFC 7235 §2.1: auth-param = token BWS "=" BWS ( token / quoted-string ).
const PARAM =
  /\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([!#$%&'*+.^_`|~0-9A-Za-z-]+))\s*(?:,|$)/y;
const SCHEME = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)(?:\s+|$)/;

/**
 * Parses the first challenge of a `WWW-Authenticate` header (RFC 7235 §4.1, RFC 6750 §3); null when the
 * header is missing or not a challenge. Quoted values are unescaped.
 *
 * @example
 * parseChallenge('Bearer realm="truecaller", error="invalid_token"');
 * // { scheme: 'Bearer', params: { realm: 'truecaller', error: 'invalid_token' } }
 */
export function parseChallenge(header: string | null | undefined): BearerChallenge | null {
  if (!header) return null;
  const scheme = SCHEME.exec(header);
  if (!scheme?.[1]) return null;
  const params: Record<string, string> = {};
  PARAM.lastIndex = scheme[0].length;
  while (PARAM.lastIndex < header.length) {
    const at = PARAM.lastIndex;
    const match = PARAM.exec(header);
    // Another challenge (or a token68) follows: what was read so far is the first challenge.
    if (!match?.[1] || PARAM.lastIndex === at) break;
    params[match[1].toLowerCase()] =
      match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '');
  }
  return { scheme: scheme[1], params };
}
