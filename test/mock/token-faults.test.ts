import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT_ID, EXAMPLE_CODE_VERIFIER } from '../../src/operations/token/grants.js';
import { getExchangeOutcome, type ExchangeOutcomeName } from '../../src/operations/token/outcomes.js';
import type { Fault } from '../../src/faults.js';
import { getExampleValue, loadApiDocument } from '../../src/openapi/api-document.js';
import { openApiProblems, rawRequest } from '../support/http.js';
import { postCodeExchange } from '../support/token.js';
import { startMock } from '../support/doors.js';

const TOKEN = '/v1/token';
const document = loadApiDocument();
const exampleOf = (name: ExchangeOutcomeName): unknown => {
  const { status, example } = getExchangeOutcome(name);
  return getExampleValue(document, TOKEN, 'post', status, example);
};

const mock = await startMock({
  config: { codes: { 'throttled-code': { fault: { failure: 'too-many-requests', retryAfterS: 7 } } } },
});
afterEach(async () => {
  await mock.request('/__admin/reset', { method: 'POST', headers: { 'content-type': 'application/json' } });
});

async function codeWithFault(fault: Fault): Promise<string> {
  const code = mock.server.registerCode();
  expect((await mock.admin('PATCH', `/__admin/codes/${code}`, { fault })).status).toBe(200);
  return code;
}

describe('faults on POST /v1/token', () => {
  it.each([
    ['too-many-requests', 'rate-limited'],
    ['service-unavailable', 'unavailable'],
  ] as const)(
    'answers a code with a %s fault with the route documented %s example and Retry-After, leaving the code unused',
    async (failure, outcome) => {
      const code = await codeWithFault({ failure, retryAfterS: 3 });
      const response = await mock.exchange(code);
      expect(response.status).toBe(getExchangeOutcome(outcome).status);
      expect(response.json).toEqual(exampleOf(outcome));
      expect(response.headers['retry-after']).toBe('3');

      await mock.admin('PATCH', `/__admin/codes/${code}`, { fault: {} });
      expect((await mock.exchange(code)).status).toBe(200);
    },
  );

  it('takes a code fault from registerCode, and refuses one the schema does not allow', async () => {
    const code = mock.server.registerCode({ fault: { failure: 'service-unavailable' } });
    expect((await mock.exchange(code)).status).toBe(503);
    expect(() => mock.server.registerCode({ fault: { failure: 'meltdown' as never } })).toThrow(
      /fault\.failure/,
    );
  });

  it('takes a code fault from the config file', async () => {
    const response = await mock.exchange('throttled-code');
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('7');
  });

  it('applies the global fault to every answer, known code or not', async () => {
    await mock.admin('PUT', '/__admin/fault', { failure: 'service-unavailable' });
    expect((await mock.exchange('valid-code')).status).toBe(503);
    expect((await mock.exchange('no-such-code', { clientId: 'no-such-client' })).status).toBe(503);
  });

  it('lets a code fault replace the global one, and {} clear it for that code', async () => {
    await mock.admin('PUT', '/__admin/fault', { failure: 'service-unavailable' });
    const code = await codeWithFault({});
    expect((await mock.exchange(code)).status).toBe(200);
    expect((await mock.exchange('valid-code')).status).toBe(503);
  });

  it('sends the exchange JSON cut short, and the code counts as used (the answer was lost)', async () => {
    const code = await codeWithFault({ failure: 'truncated-json' });
    const cut = await postCodeExchange(mock.url, code);
    expect(cut.status).toBe(200);
    expect(cut.json).toBeUndefined();
    expect(Number(cut.headers['content-length'])).toBe(Buffer.byteLength(cut.text));

    await mock.admin('PATCH', `/__admin/codes/${code}`, { fault: {} });
    const again = await mock.exchange(code);
    expect(again.status).toBe(getExchangeOutcome('expired-code').status);
    expect((again.json as { error: string }).error).toBe(
      (exampleOf('expired-code') as { error: string }).error,
    );
  });

  it('resets the connection of an exchange', async () => {
    const code = await codeWithFault({ failure: 'connection-reset' });
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: DEFAULT_CLIENT_ID,
      code,
      code_verifier: EXAMPLE_CODE_VERIFIER,
    }).toString();
    const raw =
      `POST ${TOKEN} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
      `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`;
    await expect(rawRequest(mock.url, raw)).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it.each([
    ['an unknown failure', { failure: 'meltdown' }, 'codes.bad-fault.fault.failure'],
    ['a range that runs backwards', { delayMs: { min: 9, max: 1 } }, 'codes.bad-fault.fault.delayMs'],
  ])('answers 400 to a code with %s, naming the field', async (_case, fault, field) => {
    const response = await mock.admin('POST', '/__admin/codes', { id: 'bad-fault', fault });
    expect(response.status).toBe(400);
    expect(openApiProblems('/__admin/codes', 'post', response)).toEqual([]);
    expect((response.json as { error_description: string }).error_description).toContain(field);
  });
});
