/**
 * Whether output to a stream may carry ANSI colour: only to a terminal, and never when `NO_COLOR` is set
 * to anything (https://no-color.org).
 */
export function colourAllowed(stream: { readonly isTTY?: boolean }): boolean {
  return stream.isTTY === true && !process.env.NO_COLOR;
}

// Select Graphic Rendition and cursor sequences: what Pact's report and terminal tools colour with.
// eslint-disable-next-line no-control-regex
const ANSI_SEQUENCE = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** `text` without ANSI escape sequences. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_SEQUENCE, '');
}
