import { isFormType } from '../../../mock/http/form-body.js';
import type { StateValues } from '../../pact/provider-state.js';
import type { ReplayedRequest } from '../operation.js';

// The form fields a token state's values stand for.
const FORM_FIELDS_BY_VALUE: Readonly<Record<string, string>> = {
  code: 'code',
  codeVerifier: 'code_verifier',
};

/**
 * At verification, a `POST /v1/token` form carries the provider state's code and verifier in place of a
 * hand-written pact's own, where it sends those fields at all. Runs on the form as Pact's verifier proxy
 * parsed it, before the replay encodes it back.
 */
export function substituteCodeAndVerifier(request: ReplayedRequest, values: StateValues): void {
  const body = request.body;
  if (!isFormType(request.headers['content-type'])) return;
  if (typeof body !== 'object' || body === null || Buffer.isBuffer(body)) return;
  const fields = body as Record<string, unknown>;
  for (const [key, field] of Object.entries(FORM_FIELDS_BY_VALUE)) {
    const value = values[key];
    if (value !== undefined && Object.hasOwn(fields, field)) fields[field] = value;
  }
}
