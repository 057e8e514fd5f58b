import { afterEach, describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../../src/endpoints.js';
import { FAULT_RESPONSES, type Fault } from '../../src/faults.js';
import { getExampleValue, loadApiDocument } from '../../src/openapi/api-document.js';
import { DOORS, startMock, type DoorUnderTest } from '../support/doors.js';
import { answerHeldFor } from '../support/fake-time.js';
import { openApiProblems, rawRequest, type TestResponse } from '../support/http.js';

const USERINFO = ENDPOINTS.userinfo;
const document = loadApiDocument();

describe.each(DOORS)('faults through the %s door', async (door) => {
  const mock = await startMock(door, {
    config: { tokens: { throttled: { fault: { failure: 'too-many-requests', retryAfterS: 7 } } } },
  });
  afterEach(() => mock.server.reset());

  /**
   * A userinfo request as a client on this door sees it: over a socket a raw request (fetch would retry
   * or hide what the socket did; its timers would be faked with the clock), in-process through the door.
   */
  const sendUserInfo = (token: string): Promise<TestResponse> =>
    door === 'node:http'
      ? rawRequest(
          mock.url,
          `GET ${USERINFO} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`,
        )
      : mock.userInfo(token);

  describe('throttling faults answer as openapi.yaml describes', () => {
    it.each(Object.entries(FAULT_RESPONSES))(
      'answers %s with its status, example and Retry-After',
      async (failure, { status, example }) => {
        mock.server.setFault({ failure: failure as Fault['failure'] & string, retryAfterS: 3 });
        const response = await mock.userInfo('valid');
        expect(response.status).toBe(status);
        expect(response.json).toEqual(getExampleValue(document, USERINFO, 'get', status, example));
        expect(response.headers['retry-after']).toBe('3');
        expect(openApiProblems(USERINFO, 'get', response)).toEqual([]);
      },
    );

    it('applies the global fault to unknown tokens and to requests without a token', async () => {
      mock.server.setFault({ failure: 'service-unavailable' });
      expect((await mock.userInfo('never-issued')).status).toBe(503);
      expect((await mock.userInfo(null)).status).toBe(503);
    });

    it('takes a token fault from the config file', async () => {
      const response = await mock.userInfo('throttled');
      expect(response.status).toBe(429);
      expect(response.headers['retry-after']).toBe('7');
    });

    it('lets a token fault replace the global one, and {} clear it for that token', async () => {
      mock.server.setFault({ failure: 'service-unavailable' });
      mock.server.clearFault({ token: 'valid' });
      expect((await mock.userInfo('valid')).status).toBe(200);
      expect((await mock.userInfo('expired')).status).toBe(503);
    });

    it('refuses a fault the schema does not allow, naming it, and keeps the previous one', () => {
      expect(() => mock.server.setFault({ delayMs: { min: 50, max: 10 } })).toThrow(
        /min \(50\) must not exceed max/,
      );
      expect(() => mock.server.setFault({ retryAfterS: '1\nX: y' as never })).toThrow(/retryAfterS/);
      expect(mock.server.store.fault).toEqual({});
    });
  });

  describe('connection faults', () => {
    it('resets the connection', async () => {
      mock.server.setFault({ failure: 'connection-reset' }, { token: 'valid' });
      const expected = door === 'node:http' ? { code: 'ECONNRESET' } : { name: 'TypeError' };
      await expect(sendUserInfo('valid')).rejects.toMatchObject(expected);
    });

    it('ends the connection without an answer for an empty response', async () => {
      mock.server.setFault({ failure: 'empty-response' }, { token: 'valid' });
      if (door === 'node:http') {
        const response = await sendUserInfo('valid');
        expect(response.text).toBe('');
        expect(Number.isNaN(response.status)).toBe(true);
      } else {
        await expect(sendUserInfo('valid')).rejects.toBeInstanceOf(TypeError);
      }
    });

    it('sends the JSON cut short, with a Content-Length that matches the cut', async () => {
      const whole = (await mock.userInfo('valid')).text;
      mock.server.setFault({ failure: 'truncated-json' }, { token: 'valid' });
      // Broken on purpose: not held to openapi.yaml, as userInfo() would hold it.
      const response = await mock.request(USERINFO, { headers: { authorization: 'Bearer valid' } });
      expect(response.status).toBe(200);
      expect(whole.startsWith(response.text)).toBe(true);
      expect(response.text.length).toBeLessThan(whole.length);
      expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(response.text));
      expect(() => JSON.parse(response.text) as unknown).toThrow(SyntaxError);
    });

    it('records a broken connection in the journal with status 0', async () => {
      mock.server.setFault({ failure: 'empty-response' }, { token: 'valid' });
      await sendUserInfo('valid').catch(() => undefined);
      expect(mock.server.journal?.entries({ token: 'valid' }).at(-1)).toMatchObject({
        status: 0,
        scenario: 'fault:empty-response',
      });
    });
  });

  describe('delays are real delays', () => {
    it.each([
      ['a fixed delay', { delayMs: 40 }, 40],
      ['the lower bound of a random range that has one value', { delayMs: { min: 30, max: 30 } }, 30],
    ] as [string, Fault, number][])('holds the answer for %s, then answers', async (_, fault, delayMs) => {
      mock.server.setFault(fault, { token: 'valid' });
      const { latencyMs, answer } = await answerHeldFor(mock.server, () => sendUserInfo('valid'), delayMs);
      expect(latencyMs).toBe(delayMs);
      expect(answer.status).toBe(200);
    });

    it('counts a delay in the journal’s latency, and an answer made at once as 0', async () => {
      mock.server.setFault({ delayMs: 30 }, { token: 'valid' });
      // Fake time: the latency is the 30 ms the mock held the answer, whatever the machine's speed.
      await answerHeldFor(mock.server, () => sendUserInfo('valid'), 30);
      await sendUserInfo('expired');
      const [delayed] = mock.server.journal?.entries({ token: 'valid' }) ?? [];
      const [atOnce] = mock.server.journal?.entries({ token: 'expired' }) ?? [];
      expect(delayed?.latencyMs).toBe(30);
      expect(atOnce?.latencyMs).toBe(0);
      expect(Date.parse(String(atOnce?.time))).toBeGreaterThanOrEqual(Date.parse(String(delayed?.time)));
    });
  });
});

describe('the fault option (the CLI --delay) delays every answer', async () => {
  const delayed: DoorUnderTest = await startMock('fetch', { fault: { delayMs: 25 } });

  it('holds even an unknown token’s answer for the delay', async () => {
    const { latencyMs, answer } = await answerHeldFor(
      delayed.server,
      () => delayed.userInfo('never-issued'),
      25,
    );
    expect(latencyMs).toBe(25);
    expect(answer.status).toBe(401);
  });
});
