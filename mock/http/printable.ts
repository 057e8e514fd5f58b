// Anything outside printable ASCII: tested first, since almost every text quoted is clean already.
const UNPRINTABLE = /[^\x20-\x7e]/;
const UNPRINTABLE_ALL = /[^\x20-\x7e]/g;

/**
 * What a client sent is untrusted: a path, method or value quoted in a log line or an error message is
 * kept on one line, printable, and of sane length.
 */
export function printable(text: string, max = 200): string {
  const clean = UNPRINTABLE.test(text)
    ? text.replace(UNPRINTABLE_ALL, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`)
    : text;
  return clean.length > max ? `${clean.slice(0, max)}...` : clean;
}
