/**
 * Reads an admin request's JSON body (a test double's control plane, not for production): size-limited,
 * and refusing the keys that could reach an object's prototype when a record is merged into the store.
 */
import type { IncomingMessage } from 'node:http';

/** The largest admin request body accepted by default: 64 KiB is far more than a token or persona needs. */
export const DEFAULT_ADMIN_BODY_LIMIT = 64 * 1024;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Why a body was refused: too large (413) or not acceptable JSON (400). */
export class BodyError extends Error {
  override readonly name = 'BodyError';
  constructor(
    readonly status: 413 | 400,
    message: string,
  ) {
    super(message);
  }
}

/** The parsed body (undefined when empty); rejects with a `BodyError`. */
export function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) {
      request.resume();
      reject(tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        reject(tooLarge(limit));
      } else chunks.push(chunk);
    });
    request.on('error', reject);
    request.on('end', () => {
      if (size > limit) return;
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') {
        resolve(undefined);
        return;
      }
      try {
        resolve(
          JSON.parse(text, (key, value: unknown) => {
            if (FORBIDDEN_KEYS.has(key)) throw new BodyError(400, `the key "${key}" is not allowed`);
            return value;
          }),
        );
      } catch (error) {
        reject(
          new BodyError(
            400,
            error instanceof BodyError
              ? `The request body is refused: ${error.message} (it could reach the prototype of a stored record).`
              : `The request body is not valid JSON: ${(error as Error).message}.`,
          ),
        );
      }
    });
  });
}

function tooLarge(limit: number): BodyError {
  return new BodyError(413, `The request body is larger than ${limit} bytes, the admin API's limit.`);
}
