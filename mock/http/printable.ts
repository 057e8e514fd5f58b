/**
 * What a client sent is untrusted: a path, method or value quoted in a log line or an error message is
 * kept on one line, printable, and of sane length.
 */
export function printable(text: string, max = 200): string {
  const clean = text.replace(
    /[^\x20-\x7e]/g,
    (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return clean.length > max ? `${clean.slice(0, max)}...` : clean;
}
