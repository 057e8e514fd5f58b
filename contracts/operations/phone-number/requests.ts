import type { PhoneNumberCall } from '../../../src/operations/phone-number/calls.js';
import type { StateValues } from '../../pact/provider-state.js';
import type { ReplayedRequest, RequestSubstitution } from '../operation.js';

/**
 * At verification, a validation call's request carries the provider state's token (in place of the
 * path's last segment) and partner credentials (in place of the `clientId` or `appKey` header, when the
 * pact sends one): a hand-written pact's own strings stand for "the one of this state", as its bearer
 * tokens and codes do. `call` is the form of the call the request's path is.
 */
export function substitutePhoneNumberState(call: PhoneNumberCall): RequestSubstitution {
  const prefix = call.path.slice(0, call.path.indexOf('{'));
  const header = call.credentialHeader.toLowerCase();
  return (request: ReplayedRequest, values: StateValues): void => {
    const url = request.url ?? '';
    if (values.token !== undefined) {
      const queryAt = url.indexOf('?');
      request.url = `${prefix}${encodeURIComponent(values.token)}${queryAt === -1 ? '' : url.slice(queryAt)}`;
    }
    if (values.clientId !== undefined && request.headers[header] !== undefined)
      request.headers[header] = values.clientId;
  };
}
