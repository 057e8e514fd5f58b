/**
 * The `store` option of the mock (a test double, not for production): where replicas share their state,
 * `redis://host:port/db`, and the prefix of every key the mock writes there, so two kits (two CI jobs,
 * two teams) can share one Redis database. Checked once, at start-up, with every problem named.
 */

/** A shared store as given: its URL, or the URL and a key prefix. */
export type StoreOption = string | { readonly url: string; readonly prefix?: string | undefined };

/** A shared store, checked. */
export interface SharedStoreSettings {
  /** The URL as given (the client connects to it). */
  readonly url: string;
  /** The URL as messages print it: a password is never shown. */
  readonly shown: string;
  /** What every key starts with (then `:`). */
  readonly prefix: string;
}

/** The prefix of every key when none is given. */
export const DEFAULT_STORE_PREFIX = 'truecaller-oauth-kit';

const PREFIX_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/** The problems of a `store` option, each naming the field at fault; empty when it is usable. */
export function storeOptionProblems(option: unknown): string[] {
  if (typeof option === 'string') return urlProblems(option);
  if (typeof option !== 'object' || option === null || Array.isArray(option))
    return ['store must be a redis:// URL or { url, prefix }'];
  const { url, prefix, ...rest } = option as Record<string, unknown>;
  const problems = Object.keys(rest).map((key) => `store.${key} is not an option (url, prefix)`);
  if (typeof url !== 'string') problems.push('store.url must be a redis:// URL');
  else problems.push(...urlProblems(url));
  if (prefix !== undefined && (typeof prefix !== 'string' || !PREFIX_PATTERN.test(prefix)))
    problems.push(
      `store.prefix must be 1 to 64 letters, digits, _ . or -, got ${typeof prefix === 'string' ? JSON.stringify(prefix) : typeof prefix}`,
    );
  return problems;
}

/** The settings of a `store` option already checked. */
export function sharedStoreSettings(option: StoreOption): SharedStoreSettings {
  const { url, prefix = DEFAULT_STORE_PREFIX } = typeof option === 'string' ? { url: option } : option;
  return Object.freeze({ url, shown: shownUrl(url), prefix });
}

/** `url` without its password, for messages. */
export function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.href;
  } catch {
    return '(an unreadable URL)';
  }
}

function urlProblems(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [`store must be a URL such as redis://127.0.0.1:6379/0, got ${JSON.stringify(url.slice(0, 100))}`];
  }
  const shown = shownUrl(url);
  const problems: string[] = [];
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
    problems.push(`store must be a redis:// (or rediss://) URL, got ${shown}`);
  else if (parsed.hostname === '') problems.push(`store names no host: ${shown}`);
  if (parsed.pathname !== '' && parsed.pathname !== '/' && !/^\/\d{1,5}$/.test(parsed.pathname))
    problems.push(
      `store's database must be a number (redis://host:port/0), got "${parsed.pathname.slice(1)}"`,
    );
  if (parsed.search !== '' || parsed.hash !== '')
    problems.push(`store takes no query or fragment (the key prefix is an option of its own): ${shown}`);
  return problems;
}
