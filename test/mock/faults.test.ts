import { afterEach, describe, expect, it } from 'vitest';
import { createMockServer } from '../../mock/index.js';
import { FAULT_RESPONSES, type Fault } from '../../src/faults.js';
import { getExampleValue, loadApiDocument } from '../../src/openapi/api-document.js';
import { openApiProblems, rawRequest, request, type TestResponse } from '../support/http.js';
import { useMockServer } from '../support/mock-server.js';

const USERINFO = '/v1/userinfo';
const document = loadApiDocument();

const mock = useMockServer({
  config: { tokens: { throttled: { fault: { failure: 'too-many-requests', retryAfterS: 7 } } } },
});
afterEach(async () => {
  await request(`${mock.url}/__admin/reset`, { method: 'POST' });
});

function setFault(fault: Fault, token?: string): Promise<TestResponse> {
  const path = token === undefined ? '/__admin/fault' : `/__admin/tokens/${token}`;
  return request(`${mock.url}${path}`, {
    method: token === undefined ? 'PUT' : 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(token === undefined ? fault : { fault }),
  });
}

function userInfo(token: string): Promise<TestResponse> {
  return request(`${mock.url}${USERINFO}`, { headers: { authorization: `Bearer ${token}` } });
}

function rawUserInfo(token: string): Promise<TestResponse> {
  return rawRequest(
    mock.url,
    `GET ${USERINFO} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`,
  );
}

// Node rounds timers to whole milliseconds, so a delay may measure up to 1 ms short of what was asked.
const TIMER_SLACK_MS = 1;

async function lastLatency(token: string): Promise<number> {
  const journal = await request(`${mock.url}/__admin/requests?token=${token}`);
  return (journal.json as { requests: { latencyMs: number }[] }).requests.at(-1)?.latencyMs ?? -1;
}

describe('throttling faults answer as openapi.yaml describes', () => {
  it.each(Object.entries(FAULT_RESPONSES))(
    'answers %s with its status, example and Retry-After',
    async (failure, { status, example }) => {
      expect((await setFault({ failure: failure as Fault['failure'] & string, retryAfterS: 3 })).status).toBe(
        200,
      );
      const response = await userInfo('valid');
      expect(response.status).toBe(status);
      expect(response.json).toEqual(getExampleValue(document, USERINFO, 'get', status, example));
      expect(response.headers['retry-after']).toBe('3');
      expect(openApiProblems(USERINFO, 'get', response)).toEqual([]);
    },
  );

  it('applies the global fault to unknown tokens and to requests without a token', async () => {
    await setFault({ failure: 'service-unavailable' });
    expect((await userInfo('never-issued')).status).toBe(503);
    expect((await request(`${mock.url}${USERINFO}`)).status).toBe(503);
  });

  it('takes a token fault from the config file', async () => {
    const response = await userInfo('throttled');
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('7');
  });

  it('lets a token fault replace the global one, and {} clear it for that token', async () => {
    await setFault({ failure: 'service-unavailable' });
    await setFault({}, 'valid');
    expect((await userInfo('valid')).status).toBe(200);
    expect((await userInfo('expired')).status).toBe(503);
  });

  it('answers 400 to a fault the schema does not allow, and keeps the previous one', async () => {
    const response = await setFault({ delayMs: { min: 50, max: 10 } });
    expect(response.status).toBe(400);
    expect(openApiProblems('/__admin/fault', 'put', response)).toEqual([]);
    expect((await userInfo('valid')).status).toBe(200);
  });
});

describe('connection faults', () => {
  it('resets the connection', async () => {
    await setFault({ failure: 'connection-reset' }, 'valid');
    await expect(rawUserInfo('valid')).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('closes the connection without a byte for an empty response', async () => {
    await setFault({ failure: 'empty-response' }, 'valid');
    const response = await rawUserInfo('valid');
    expect(response.text).toBe('');
    expect(Number.isNaN(response.status)).toBe(true);
  });

  it('sends the JSON cut short, with a Content-Length that matches the cut', async () => {
    const whole = (await userInfo('valid')).text;
    await setFault({ failure: 'truncated-json' }, 'valid');
    const response = await userInfo('valid');
    expect(response.status).toBe(200);
    expect(whole.startsWith(response.text)).toBe(true);
    expect(response.text.length).toBeLessThan(whole.length);
    expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(response.text));
    expect(() => JSON.parse(response.text) as unknown).toThrow(SyntaxError);
  });

  it('records a broken connection in the journal with status 0', async () => {
    await setFault({ failure: 'empty-response' }, 'valid');
    await rawUserInfo('valid');
    const journal = await request(`${mock.url}/__admin/requests?token=valid`);
    expect((journal.json as { requests: unknown[] }).requests.at(-1)).toMatchObject({
      status: 0,
      scenario: 'fault:empty-response',
    });
  });
});

describe('delays', () => {
  it('waits at least a fixed delay before answering', async () => {
    await setFault({ delayMs: 40 }, 'valid');
    expect((await userInfo('valid')).status).toBe(200);
    expect(await lastLatency('valid')).toBeGreaterThanOrEqual(40 - TIMER_SLACK_MS);
  });

  it('waits at least the lower bound of a random delay', async () => {
    await setFault({ delayMs: { min: 30, max: 60 } }, 'valid');
    expect((await userInfo('valid')).status).toBe(200);
    expect(await lastLatency('valid')).toBeGreaterThanOrEqual(30 - TIMER_SLACK_MS);
  });

  it('delays every answer with the fault option (the CLI --delay)', async () => {
    const delayed = createMockServer({ fault: { delayMs: 25 } });
    try {
      const url = await delayed.start();
      await request(`${url}${USERINFO}`, { headers: { authorization: 'Bearer valid' } });
      expect(delayed.journal?.entries().at(-1)?.latencyMs).toBeGreaterThanOrEqual(25 - TIMER_SLACK_MS);
    } finally {
      await delayed.close();
    }
  });
});
