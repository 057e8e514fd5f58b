import { SIGNED_PROFILE_ENDPOINTS } from '../../../src/operations/signed-profile/endpoints.js';
import type { PactInteraction } from '../../pact/pact-file.js';

const FIELDS: ReadonlySet<string> = new Set(['key', 'keyType']);

/**
 * The kit's own checks of a `GET /v1/key` interaction, the ones an OpenAPI comparator may let through: a
 * 200 expects a JSON array (some code wrongly expects `{ keys: [...] }`), each entry only `key` and
 * `keyType`.
 */
export function publicKeysProblems(interaction: PactInteraction): string[] {
  const body = interaction.responseBody;
  if (interaction.status !== 200 || body === undefined || body === null) return [];
  if (!Array.isArray(body)) {
    return [
      `response body: ${typeof body === 'object' ? 'an object' : `a ${typeof body}`}; GET ${SIGNED_PROFILE_ENDPOINTS.publicKeys} answers a JSON array of { key, keyType } (some code wrongly expects { keys: [...] })`,
    ];
  }
  return body.flatMap((entry: unknown, index) =>
    typeof entry === 'object' && entry !== null
      ? Object.keys(entry)
          .filter((field) => !FIELDS.has(field))
          .map((field) => `response body $[${index}].${field}: not sent; each key is { key, keyType }`)
      : [],
  );
}
