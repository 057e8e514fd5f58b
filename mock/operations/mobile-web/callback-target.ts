/**
 * Where the mock may post Truecaller's callbacks (a test double, not for production): the user's own
 * machine and the hosts the user allows, nothing else, decided before any request is made. The mock must
 * not become a way for a web page, a test or a config to send requests elsewhere.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { KitError } from '../../../src/errors.js';

/** Where a callback body goes: the URL as given, and the address checked for it (requests go there only). */
export interface CallbackTarget {
  readonly url: URL;
  /** The IP address to connect to: a loopback one, or an allowed host's. */
  readonly address: string;
  readonly family: 4 | 6;
  /** The TLS server name: the host's name, for an https URL that names one. */
  readonly servername: string | undefined;
}

/** Resolves a name to its addresses, as `dns.promises.lookup` with `all: true` does. */
export type Resolve = (hostname: string) => Promise<readonly { address: string; family: number }[]>;

/** The longest callback URL taken. */
export const MAX_CALLBACK_URL_LENGTH = 2048;

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Whether `address` (an IP literal) is on loopback: `127.0.0.0/8`, `::1`, or IPv4 loopback mapped into IPv6. */
export function isLoopbackAddress(address: string): boolean {
  const family = isIP(address);
  return family !== 0 && LOOPBACK.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** A host of `allowCallbackHosts` as the mock compares it: lower case, without brackets or a final dot. */
export function normaliseHost(host: string): string {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return bare.toLowerCase().replace(/\.$/, '');
}

const resolveAll: Resolve = (hostname) => dnsLookup(hostname, { all: true });

/**
 * The target of `callbackUrl`, or a `KitError` (`ERR_CALLBACK_REFUSED`) saying why it is refused, before
 * anything is sent. Taken: an http or https URL without user info whose host is a loopback IP address,
 * `localhost` or a name under `.localhost` (RFC 6761; refused when it resolves anywhere but loopback, and
 * sent to 127.0.0.1 when it does not resolve), or one of `allowedHosts` (the user's own: any address).
 * The address found here is the one connected to, so a name cannot resolve elsewhere in between.
 */
export async function resolveCallbackTarget(
  callbackUrl: string,
  allowedHosts: readonly string[],
  resolve: Resolve = resolveAll,
): Promise<CallbackTarget> {
  const url = parseCallbackUrl(callbackUrl);
  const host = normaliseHost(url.hostname);
  const allowed = allowedHosts.some((each) => normaliseHost(each) === host);
  const family = isIP(host);
  const servername = url.protocol === 'https:' && family === 0 ? host : undefined;
  if (family !== 0) {
    if (!allowed && !isLoopbackAddress(host)) throw refused(callbackUrl, `${host} is not a loopback address`);
    return { url, address: host, family: family as 4 | 6, servername };
  }
  const localhost = host === 'localhost' || host.endsWith('.localhost');
  if (!allowed && !localhost)
    throw refused(callbackUrl, `${host} is neither loopback nor one of the allowed hosts`);
  const addresses = await resolve(host).catch((cause: unknown) => {
    if (localhost) return [{ address: '127.0.0.1', family: 4 }];
    throw refused(callbackUrl, `${host} does not resolve (${(cause as Error).message})`);
  });
  const elsewhere = addresses.find((each) => !isLoopbackAddress(each.address));
  if (localhost && !allowed && elsewhere !== undefined)
    throw refused(callbackUrl, `${host} resolves to ${elsewhere.address} here, not to loopback`);
  const [first] = addresses;
  if (first === undefined) throw refused(callbackUrl, `${host} resolves to no address`);
  return { url, address: first.address, family: first.family === 6 ? 6 : 4, servername };
}

function parseCallbackUrl(callbackUrl: string): URL {
  if (callbackUrl.length > MAX_CALLBACK_URL_LENGTH)
    throw refused(callbackUrl.slice(0, 80), `the URL is longer than ${MAX_CALLBACK_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(callbackUrl);
  } catch {
    throw refused(callbackUrl, 'it is not an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw refused(callbackUrl, `its scheme is ${url.protocol.slice(0, -1)}, not http or https`);
  if (url.username !== '' || url.password !== '') {
    // The message names the URL without the secret it carried.
    const shown = new URL(url.href);
    shown.username = '';
    shown.password = '';
    throw refused(shown.href, 'it carries user info (user:password@), which a callback URL has no use for');
  }
  return url;
}

function refused(callbackUrl: string, why: string): KitError {
  return new KitError(
    'ERR_CALLBACK_REFUSED',
    `The callback URL ${JSON.stringify(callbackUrl)} is refused: ${why}. The mock posts callbacks only to ` +
      'this machine (127.0.0.1, ::1, localhost) and to the hosts you allow (allowCallbackHosts, ' +
      '--allow-callback-host); nothing was sent.',
  );
}
