/**
 * The text of a JSON file a user wrote (a config, a `--db` store, a pact), as editors save it: UTF-8,
 * with or without the byte-order mark Windows editors put first. JSON.parse would stop at that mark
 * with "Unexpected token", and at UTF-16 (what Windows PowerShell's `>` and `Out-File` write) with a
 * line of replacement characters, so both are named here instead.
 */

/** The text, or why the bytes are not UTF-8 text (words that end a sentence naming the file). */
export type JsonFileText =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes `bytes` as UTF-8, dropping a leading byte-order mark. */
export function jsonFileText(bytes: Uint8Array): JsonFileText {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      ok: false,
      problem:
        'it is UTF-16 text (as Windows PowerShell\'s > and Out-File write); save it as UTF-8 (Out-File -Encoding utf8, or "Save as" UTF-8 in the editor)',
    };
  }
  try {
    // ignoreBOM: false, the default, spelled out: the decoder drops a leading UTF-8 byte-order mark.
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, problem: 'it is not UTF-8 text; save it as UTF-8' };
  }
}
