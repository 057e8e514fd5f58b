import { afterEach, describe, expect, it } from 'vitest';
import { getExampleValue, loadApiDocument } from '../../../src/openapi/api-document.js';
import { SCOPES } from '../../../src/scopes.js';
import { openApiProblems } from '../../support/http.js';
import { startMock } from '../../support/doors.js';

const USERINFO = '/v1/userinfo';
const document = loadApiDocument();

const mock = await startMock();
afterEach(async () => {
  await mock.admin('POST', '/__admin/reset');
});

describe('tokens by REST', () => {
  it('lists the built-in tokens as openapi.yaml describes', async () => {
    const response = await mock.admin('GET', '/__admin/tokens');
    expect(response.status).toBe(200);
    expect(openApiProblems('/__admin/tokens', 'get', response)).toEqual([]);
    expect((response.json as { id: string }[]).map((token) => token.id)).toEqual(
      mock.server.store.ids('tokens'),
    );
  });

  it('adds a token that the next userinfo request answers from, with the defaults filled in', async () => {
    const added = await mock.admin('POST', '/__admin/tokens', {
      id: 'added-token',
      scopes: ['openid', 'email'],
    });
    expect(added.status).toBe(201);
    expect(openApiProblems('/__admin/tokens', 'post', added)).toEqual([]);
    expect(added.json).toMatchObject({ id: 'added-token', scenario: 'valid', persona: 'full-in' });

    const answer = await mock.userInfo('added-token');
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.json as object).sort()).toEqual(['email', 'sub']);
  });

  it('makes up the token when the body has no id', async () => {
    const added = await mock.admin('POST', '/__admin/tokens', {});
    const { id } = added.json as { id: string };
    expect((await mock.userInfo(id)).status).toBe(200);
  });

  it('reads one token', async () => {
    const response = await mock.admin('GET', '/__admin/tokens/expired');
    expect(openApiProblems('/__admin/tokens/{id}', 'get', response)).toEqual([]);
    expect(response.json).toMatchObject({ id: 'expired', scenario: 'expired' });
  });

  it('changes a token with PATCH and the next request sees the change', async () => {
    expect((await mock.userInfo('valid')).status).toBe(200);
    const changed = await mock.admin('PATCH', '/__admin/tokens/valid', { scenario: 'expired' });
    expect(changed.status).toBe(200);
    expect(openApiProblems('/__admin/tokens/{id}', 'patch', changed)).toEqual([]);
    const answer = await mock.userInfo('valid');
    expect(answer.json).toEqual(getExampleValue(document, USERINFO, 'get', 401, 'expired'));
  });

  it('replaces a token with PUT, the missing fields back at their defaults', async () => {
    const replaced = await mock.admin('PUT', '/__admin/tokens/reduced-scopes', { persona: null });
    expect(openApiProblems('/__admin/tokens/{id}', 'put', replaced)).toEqual([]);
    expect(replaced.json).toEqual({
      id: 'reduced-scopes',
      scenario: 'valid',
      persona: null,
      scopes: [...SCOPES],
    });
    expect((await mock.userInfo('reduced-scopes')).status).toBe(404);
  });

  it('deletes a token, which is unknown from the next request on', async () => {
    const deleted = await mock.admin('DELETE', '/__admin/tokens/valid');
    expect(openApiProblems('/__admin/tokens/{id}', 'delete', deleted)).toEqual([]);
    const answer = await mock.userInfo('valid');
    expect(answer.json).toEqual(getExampleValue(document, USERINFO, 'get', 401, 'invalid'));
  });

  it('answers 404 in the kit error shape for a token it does not have', async () => {
    const response = await mock.admin('GET', '/__admin/tokens/no-such-token');
    expect(response.status).toBe(404);
    expect(openApiProblems('/__admin/tokens/{id}', 'get', response)).toEqual([]);
  });

  it('answers 409 when a token of that id exists', async () => {
    const response = await mock.admin('POST', '/__admin/tokens', { id: 'valid' });
    expect(response.status).toBe(409);
    expect(openApiProblems('/__admin/tokens', 'post', response)).toEqual([]);
  });
});

describe('writes are checked before they reach the store', () => {
  it.each([
    ['an unknown scenario', { id: 'bad', scenario: 'teapot' }, 'scenario'],
    ['an unknown scope', { id: 'bad', scopes: ['openid', 'wallet'] }, 'scopes'],
    ['an unknown persona', { id: 'bad', persona: 'nobody' }, 'no persona "nobody"'],
    ['inline claims instead of a persona id', { id: 'bad', persona: { sub: '1' } }, 'persona id'],
    ['a token that is not an RFC 6750 b64token', { id: 'has space' }, 'not a valid bearer token'],
    ['an unknown field', { id: 'bad', colour: 'blue' }, 'unknown field "colour"'],
    ['a fault with an unknown failure', { id: 'bad', fault: { failure: 'meltdown' } }, 'failure'],
  ])('answers 400 for a token with %s, naming it', async (_case, body, reason) => {
    const response = await mock.admin('POST', '/__admin/tokens', body);
    expect(response.status).toBe(400);
    expect(openApiProblems('/__admin/tokens', 'post', response)).toEqual([]);
    expect((response.json as { error_description: string }).error_description).toContain(reason);
    expect(mock.server.store.get('tokens', 'bad')).toBeUndefined();
  });

  it('answers 400 for a persona whose claims break the UserInfo schema', async () => {
    const response = await mock.admin('POST', '/__admin/personas', {
      id: 'broken',
      claims: { sub: 'not-digits' },
    });
    expect(response.status).toBe(400);
    expect(openApiProblems('/__admin/personas', 'post', response)).toEqual([]);
    expect((response.json as { error_description: string }).error_description).toContain('sub');
    expect(mock.server.store.get('personas', 'broken')).toBeUndefined();
  });

  it('checks a PATCH merged over the stored record, and leaves the record as it was on 400', async () => {
    const response = await mock.admin('PATCH', '/__admin/tokens/valid', { scopes: ['nope'] });
    expect(response.status).toBe(400);
    expect(mock.server.store.get('tokens', 'valid')?.scopes).toEqual([...SCOPES]);
  });

  it.each(['__proto__', 'constructor', 'prototype'])(
    'refuses a body with a "%s" key, at any depth',
    async (key) => {
      const body = `{"id":"poison","claims":{"sub":"1","${key}":{"polluted":true}}}`;
      const response = await mock.admin('POST', '/__admin/personas', body);
      expect(response.status).toBe(400);
      expect(openApiProblems('/__admin/personas', 'post', response)).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(mock.server.store.get('personas', 'poison')).toBeUndefined();
    },
  );

  it.each(['__proto__', 'constructor', 'toString'])(
    'answers 404 to a write to the collection "%s"',
    async (name) => {
      const response = await mock.admin('POST', `/__admin/${name}`, { id: 'x' });
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(({} as Record<string, unknown>).id).toBeUndefined();
    },
  );

  it('answers 413 for a body over the limit', async () => {
    const response = await mock.admin('POST', '/__admin/personas', {
      id: 'big',
      description: 'x'.repeat(100_000),
      claims: {},
    });
    expect(response.status).toBe(413);
    expect(openApiProblems('/__admin/personas', 'post', response)).toEqual([]);
  });

  it('answers 400 for JSON nested too deeply to read, saying so, and keeps serving', async () => {
    const deep = `{"id":"deep","persona":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const response = await mock.admin('POST', '/__admin/tokens', deep);
    expect(response.status).toBe(400);
    expect(openApiProblems('/__admin/tokens', 'post', response)).toEqual([]);
    expect((response.json as { error_description: string }).error_description).toMatch(/nests .* too deeply/);
    expect((await mock.admin('GET', '/__admin/tokens/deep')).status).toBe(404);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const response = await mock.admin('POST', '/__admin/tokens', '{"id": ');
    expect(response.status).toBe(400);
    expect(openApiProblems('/__admin/tokens', 'post', response)).toEqual([]);
  });

  it('changes the fields of the global fault that a PATCH names, keeps the others, and checks the result', async () => {
    expect((await mock.admin('PUT', '/__admin/fault', { delayMs: 5 })).status).toBe(200);
    const changed = await mock.admin('PATCH', '/__admin/fault', { failure: 'service-unavailable' });
    expect(changed.status).toBe(200);
    expect(openApiProblems('/__admin/fault', 'patch', changed)).toEqual([]);
    expect(changed.json).toEqual({ delayMs: 5, failure: 'service-unavailable' });
    const refused = await mock.admin('PATCH', '/__admin/fault', { delayMs: -1 });
    expect(refused.status).toBe(400);
    expect(openApiProblems('/__admin/fault', 'patch', refused)).toEqual([]);
    expect((await mock.admin('GET', '/__admin/fault')).json).toEqual(changed.json);
  });

  // Only an empty body stands for `{}` (a POST that lets the mock make the token up); JSON `null` is no
  // object either, and every write says so before anything changes.
  it.each([
    ['POST', '/__admin/tokens', '/__admin/tokens'],
    ['PUT', '/__admin/tokens/valid', '/__admin/tokens/{id}'],
    ['PATCH', '/__admin/tokens/valid', '/__admin/tokens/{id}'],
    ['PATCH', '/__admin/fault', '/__admin/fault'],
    ['POST', '/__admin/clock', '/__admin/clock'],
    ['POST', '/__admin/signedProfiles', '/__admin/signedProfiles'],
  ] as const)(
    'answers 400 to %s %s with a JSON null, naming the route, and changes nothing',
    async (method, path, documented) => {
      const before = (await mock.admin('GET', '/__admin/db')).json;
      for (const body of ['null', ' null\n', '"text"', '7', '[]']) {
        const response = await mock.admin(method, path, body);
        expect(response.status, body).toBe(400);
        const documentedMethod = method.toLowerCase() as Lowercase<typeof method>;
        expect(openApiProblems(documented, documentedMethod, response)).toEqual([]);
        expect((response.json as { error_description: string }).error_description).toBe(
          `The body of ${method} ${path} must be a JSON object.`,
        );
      }
      expect((await mock.admin('GET', '/__admin/db')).json).toEqual(before);
    },
  );
});

describe('personas by REST', () => {
  it('adds a persona that a new token then answers with', async () => {
    const claims = { sub: '4242', given_name: 'Ravi' };
    const added = await mock.admin('POST', '/__admin/personas', { id: 'ravi', claims });
    expect(openApiProblems('/__admin/personas', 'post', added)).toEqual([]);
    await mock.admin('POST', '/__admin/tokens', { id: 'ravi-token', persona: 'ravi' });
    expect((await mock.userInfo('ravi-token')).json).toEqual(claims);
  });

  it('lists, reads, changes and deletes personas as openapi.yaml describes', async () => {
    const list = await mock.admin('GET', '/__admin/personas');
    expect(openApiProblems('/__admin/personas', 'get', list)).toEqual([]);
    const one = await mock.admin('GET', '/__admin/personas/full-in');
    expect(openApiProblems('/__admin/personas/{id}', 'get', one)).toEqual([]);
    const changed = await mock.admin('PATCH', '/__admin/personas/full-in', { claims: { sub: '7' } });
    expect(openApiProblems('/__admin/personas/{id}', 'patch', changed)).toEqual([]);
    expect((await mock.userInfo('valid')).json).toEqual({ sub: '7' });
    await mock.admin('POST', '/__admin/personas', { id: 'short-lived', claims: { sub: '8' } });
    const deleted = await mock.admin('DELETE', '/__admin/personas/short-lived');
    expect(deleted.status).toBe(200);
    expect(openApiProblems('/__admin/personas/{id}', 'delete', deleted)).toEqual([]);
    expect(mock.server.store.get('personas', 'short-lived')).toBeUndefined();
  });

  it('refuses with 409 to delete a persona that tokens and codes still name, naming them, and keeps it', async () => {
    const refused = await mock.admin('DELETE', '/__admin/personas/full-in');
    expect(refused.status).toBe(409);
    expect(openApiProblems('/__admin/personas/{id}', 'delete', refused)).toEqual([]);
    const { error_description: description } = refused.json as { error_description: string };
    expect(description).toContain('tokens/valid');
    expect(description).toContain('codes/valid-code');
    expect((await mock.userInfo('valid')).status).toBe(200);
  });
});

describe('the whole store', () => {
  it('is one GET away, as openapi.yaml describes', async () => {
    const response = await mock.admin('GET', '/__admin/db');
    expect(response.status).toBe(200);
    expect(openApiProblems('/__admin/db', 'get', response)).toEqual([]);
    const { refreshTokens, ...served } = mock.server.store.snapshot();
    expect(response.json).toEqual(served);
    // Issued refresh tokens are credentials, not served by the admin API.
    expect(refreshTokens).toBeDefined();
    expect(response.json).not.toHaveProperty('refreshTokens');
  });
});

describe('reset', () => {
  it('restores the initial store', async () => {
    await mock.admin('DELETE', '/__admin/tokens/valid');
    await mock.admin('PUT', '/__admin/fault', { failure: 'service-unavailable' });
    const response = await mock.admin('POST', '/__admin/reset');
    expect(response.status).toBe(204);
    expect(openApiProblems('/__admin/reset', 'post', response)).toEqual([]);
    expect((await mock.userInfo('valid')).status).toBe(200);
  });
});
