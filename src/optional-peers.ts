/**
 * The kit's optional peer dependencies (Pact and the OpenAPI comparator for `contracts/`, msw for
 * `truecaller-oauth-kit/msw`), loaded when first used: a team that does not use them installs none, and
 * a team that uses one without it gets one line naming the command that installs it.
 */
import { createRequire } from 'node:module';
import { KitError } from './errors.js';

/** An optional peer: its package name and what its install command names (`msw@^2`). */
export interface OptionalPeer {
  readonly name: string;
  readonly install: string;
}

// require() loads them synchronously, so what needs them (an interaction builder, truecallerHandlers) can
// stay synchronous, and resolves them from the kit's own folder, as an import would.
const require = createRequire(import.meta.url);

/**
 * Loads `peers`, or throws one `KitError` (`ERR_DEPENDENCY_MISSING`) naming `what` needs them and the
 * command that installs every one missing.
 *
 * @example
 * const [msw] = loadOptionalPeers([{ name: 'msw', install: 'msw@^2' }], 'truecallerHandlers');
 */
export function loadOptionalPeers(peers: readonly OptionalPeer[], what: string): unknown[] {
  return eachPeer(peers, what, (name) => require(name) as unknown);
}

/**
 * Throws the same `KitError` as `loadOptionalPeers` when any of `peers` is not installed, without
 * loading them: for a peer another process loads (Pact, in `verify`'s replay), which costs a load of
 * its native core here for nothing.
 */
export function checkOptionalPeersInstalled(peers: readonly OptionalPeer[], what: string): void {
  eachPeer(peers, what, (name) => require.resolve(name));
}

/** `take(name)` of every peer, or the one error naming every peer missing. */
function eachPeer(peers: readonly OptionalPeer[], what: string, take: (name: string) => unknown): unknown[] {
  const taken: unknown[] = [];
  const missing: OptionalPeer[] = [];
  for (const peer of peers) {
    try {
      taken.push(take(peer.name));
    } catch (cause) {
      if (!isNotFound(cause, peer.name)) throw cause;
      missing.push(peer);
    }
  }
  if (missing.length > 0) {
    const names = missing.map(({ name }) => name).join(' and ');
    const dependencies = missing.length > 1 ? 'dependencies' : 'dependency';
    const install = missing.map((peer) => peer.install).join(' ');
    throw new KitError(
      'ERR_DEPENDENCY_MISSING',
      `${what} needs ${names} (optional peer ${dependencies} of truecaller-oauth-kit): run npm install --save-dev ${install}`,
    );
  }
  return taken;
}

// Only the package itself missing counts; a dependency of it that fails to load is a different problem.
function isNotFound(error: unknown, name: string): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') &&
    typeof message === 'string' &&
    message.includes(`'${name}'`)
  );
}
