import type { IncomingMessage } from 'node:http';
import { pathOf } from '../../../mock/http/request-path.js';
import type { StateValues } from '../../pact/provider-state.js';
import { phoneNumberCallOf } from './pact-checks.js';

/**
 * At verification, a validation call's request carries the provider state's token (in place of the
 * path's last segment) and partner credentials (in place of the `clientId` or `appKey` header, when the
 * pact sends one): a hand-written pact's own strings stand for "the one of this state", as its bearer
 * tokens and codes do. Other requests are left as they are.
 */
export function substitutePhoneNumberState(request: IncomingMessage, values: StateValues): void {
  const url = request.url ?? '';
  const path = pathOf(url);
  const call = phoneNumberCallOf(path);
  if (call === undefined) return;
  if (values.token !== undefined) {
    const prefix = call.path.slice(0, call.path.indexOf('{'));
    request.url = `${prefix}${encodeURIComponent(values.token)}${url.slice(path.length)}`;
  }
  const header = call.credentialHeader.toLowerCase();
  if (values.clientId !== undefined && request.headers[header] !== undefined)
    request.headers[header] = values.clientId;
}
