/**
 * A callback URL is the user's own: loopback, or a host the user allows. Any other is refused before a
 * single request leaves the mock: Node's diagnostics channels, which see every HTTP request and every
 * client socket this process makes, record none. No test here listens on any of the addresses it names.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMock, type Mock } from '../../mock/index.js';
import {
  isLoopbackAddress,
  resolveCallbackTarget,
  type Resolve,
} from '../../mock/operations/mobile-web/callback-target.js';
import { kitErrorOf } from '../support/errors.js';
import { usePartner } from '../support/partner.js';

const partner = usePartner();
const outgoing: string[] = [];
const onRequest = (message: unknown): void => {
  const { request } = message as { request: ClientRequest };
  outgoing.push(`${request.protocol}//${String(request.getHeader('host'))}${request.path}`);
};
const onSocket = (): void => void outgoing.push('a client socket');
let mock: Mock;
beforeAll(() => {
  subscribe('http.client.request.start', onRequest);
  subscribe('net.client.socket', onSocket);
  mock = createMock({ allowCallbackHosts: ['partner.test'] });
});
afterAll(async () => {
  unsubscribe('http.client.request.start', onRequest);
  unsubscribe('net.client.socket', onSocket);
  await mock.close();
});
beforeEach(() => {
  outgoing.length = 0;
  partner.clear();
});

describe('completeWebSignIn refuses a callback URL that is not the user’s own', () => {
  it.each([
    ['a public IP address', 'http://192.0.2.10/truecaller'],
    ['a private IP address', 'http://10.0.0.7:8080/cb'],
    ['a link-local address (cloud metadata)', 'http://169.254.169.254/latest/meta-data/'],
    ['the unspecified address', 'http://0.0.0.0:3000/cb'],
    ['the unspecified IPv6 address', 'http://[::]:3000/cb'],
    ['a private address mapped into IPv6', 'http://[::ffff:10.0.0.1]/cb'],
    ['a public name', 'https://example.com/truecaller'],
    ['a name that resolves to loopback but is not allowed', 'http://127.0.0.1.nip.io/cb'],
    ['a name that only starts like localhost', 'http://localhost.example.com/cb'],
    ['another scheme', 'ftp://127.0.0.1/cb'],
    ['a file', 'file:///etc/passwd'],
    ['a script', 'javascript:alert(1)'],
    ['user info', 'http://admin:secret@127.0.0.1/cb'],
    ['no URL at all', 'not a url'],
  ])('refuses %s with ERR_CALLBACK_REFUSED, sending nothing', async (_case, callbackUrl) => {
    const error = await kitErrorOf(mock.completeWebSignIn({ requestId: 'nonce-1', callbackUrl }));
    expect(error.code).toBe('ERR_CALLBACK_REFUSED');
    expect(error.message).toContain('nothing was sent');
    expect(error.message).not.toContain('secret');
    expect(outgoing).toEqual([]);
  });

  it('names the option that would allow a host', async () => {
    const error = await kitErrorOf(
      mock.completeWebSignIn({ requestId: 'n', callbackUrl: 'https://shop.example.com/cb' }),
    );
    expect(error.message).toMatch(/shop\.example\.com is neither loopback nor one of the allowed hosts/);
    expect(error.message).toContain('allowCallbackHosts');
    expect(error.message).toContain('--allow-callback-host');
  });

  it('sends to loopback, which the same watcher sees: the refusals above were real', async () => {
    const result = await mock.completeWebSignIn({ requestId: 'n', callbackUrl: `${partner.url}/cb` });
    expect(result.delivered).toBe(true);
    const sent = `${partner.url}/cb`;
    expect(outgoing).toEqual(['a client socket', sent, 'a client socket', sent]);
  });

  it('refuses the same URL through the admin API with 403, sending nothing', async () => {
    const response = await mock.fetch('https://oauth-account-noneu.truecaller.com/__admin/webSignIns', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ requestId: 'n', callbackUrl: 'http://10.1.2.3/cb' }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 'callback_refused' });
    expect(outgoing).toEqual([]);
  });
});

describe('the callback target', () => {
  const resolvesTo =
    (...addresses: string[]): Resolve =>
    () =>
      Promise.resolve(addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  const unresolvable: Resolve = () => Promise.reject(new Error('getaddrinfo ENOTFOUND'));

  it.each(['127.0.0.1', '127.9.8.7', '::1', '::ffff:7f00:1'])('takes loopback address %s', (address) => {
    expect(isLoopbackAddress(address)).toBe(true);
  });

  it.each(['10.0.0.1', '0.0.0.0', '::', '::ffff:a00:1', 'localhost'])(
    'does not take %s as loopback',
    (address) => {
      expect(isLoopbackAddress(address)).toBe(false);
    },
  );

  it('connects to the address it checked, never to the name again', async () => {
    const target = await resolveCallbackTarget(
      'http://localhost:3000/cb',
      [],
      resolvesTo('::1', '127.0.0.1'),
    );
    expect([target.address, target.family, target.url.host]).toEqual(['::1', 6, 'localhost:3000']);
  });

  it('refuses localhost when it resolves anywhere but loopback', async () => {
    const error = await kitErrorOf(
      resolveCallbackTarget('http://localhost/cb', [], resolvesTo('127.0.0.1', '203.0.113.5')),
    );
    expect([error.code, error.message]).toEqual([
      'ERR_CALLBACK_REFUSED',
      expect.stringContaining('localhost resolves to 203.0.113.5 here, not to loopback'),
    ]);
  });

  it('sends a *.localhost name that does not resolve to 127.0.0.1 (RFC 6761)', async () => {
    const target = await resolveCallbackTarget('http://shop.localhost:5173/cb', [], unresolvable);
    expect([target.address, target.url.host]).toEqual(['127.0.0.1', 'shop.localhost:5173']);
  });

  it('takes an allowed host whatever it resolves to, by name or address, in any case', async () => {
    const target = await resolveCallbackTarget(
      'https://Partner.Test./cb',
      ['partner.test'],
      resolvesTo('198.51.100.4'),
    );
    expect([target.address, target.servername]).toEqual(['198.51.100.4', 'partner.test']);
    const literal = await resolveCallbackTarget('http://[2001:db8::1]/cb', ['[2001:DB8::1]']);
    expect(literal.address).toBe('2001:db8::1');
  });

  it('refuses an allowed host that does not resolve, naming it', async () => {
    const error = await kitErrorOf(
      resolveCallbackTarget('http://partner.test/cb', ['partner.test'], unresolvable),
    );
    expect(error.message).toContain('partner.test does not resolve');
  });
});

describe('the allowCallbackHosts option', () => {
  it('is checked once, every bad entry named', () => {
    expect(() =>
      createMock({
        allowCallbackHosts: ['https://partner.test', 'partner.test:8443', '*.example.com', 'ok.test'],
      }),
    ).toThrow(
      /allowCallbackHosts \(--allow-callback-host\): "https:\/\/partner\.test" is not a host name.*"partner\.test:8443".*"\*\.example\.com"/,
    );
    expect(() => createMock({ allowCallbackHosts: 'partner.test' as unknown as string[] })).toThrow(
      'allowCallbackHosts must be a list',
    );
  });
});
