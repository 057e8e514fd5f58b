/**
 * The answer to a request by the token it carries (a test double, not for production), shared by the
 * routes that answer by token: `GET /v1/userinfo`, the validation call and `GET /v1/default`. A token's
 * answer is prepared on first use and kept until what it was made from changes (the engine drops it), so
 * the hot path is a map look-up (and, for a token that expires, a look at the clock). A token this process
 * does not hold is asked of the shared store, with `--store` (made on another replica a moment ago).
 */
import { type PreparedResponse, prepareJson, type ResponseContext } from '../http/responses.js';
import type { AnswerCache } from '../state/answer-cache.js';
import type { Clock } from '../state/clock.js';
import { isStoreUnavailable, type StoreAccess } from '../state/store-access.js';
import type { Collection, RecordOf } from '../state/store.js';

/** A token's prepared answer; for a token that expires, when, and the answer from then on. */
export interface TokenAnswer {
  readonly answer: PreparedResponse;
  // Only tokens with `expiresAt` carry one; the others never pay for a clock read.
  readonly expiry: { readonly at: number; readonly answer: PreparedResponse } | undefined;
}

/** How one route answers by token. */
export interface TokenAnswersOptions<C extends Collection> {
  readonly collection: C;
  readonly state: StoreAccess;
  readonly cache: AnswerCache<TokenAnswer>;
  readonly clock: Clock;
  /** A token's answer, from its record. */
  readonly prepare: (record: RecordOf<C>) => TokenAnswer;
  /** The answer to a token no store holds; not remembered, so random tokens do not grow the cache. */
  readonly unknown: () => PreparedResponse;
  /** The answer when the shared store cannot be reached. */
  readonly storeUnavailable: PreparedResponse;
}

/**
 * The answer when a token had to be asked of a shared store that cannot be reached: the body of the
 * operation's documented server error, a 500, named `store-unavailable` for the log.
 */
export function storeUnavailableAnswer(
  context: ResponseContext,
  serverError: PreparedResponse,
): PreparedResponse {
  return prepareJson(context, 500, JSON.parse(serverError.body.toString('utf8')), {
    scenario: 'store-unavailable',
  });
}

/** The answer to each token, as `options` say. */
export function createTokenAnswers<C extends Collection>(
  options: TokenAnswersOptions<C>,
): (token: string) => PreparedResponse | Promise<PreparedResponse> {
  const { collection, state, cache, clock, prepare, unknown, storeUnavailable } = options;
  const current = (cached: TokenAnswer): PreparedResponse =>
    cached.expiry !== undefined && clock.now() >= cached.expiry.at ? cached.expiry.answer : cached.answer;
  const answerFor = (token: string, record: RecordOf<C> | undefined): PreparedResponse => {
    if (record === undefined) return unknown();
    const cached = prepare(record);
    cache.set(token, cached);
    return current(cached);
  };
  return function answerToken(token) {
    const cached = cache.get(token);
    if (cached !== undefined) return current(cached);
    const record = state.lookup(collection, token);
    if (!(record instanceof Promise)) return answerFor(token, record);
    return record.then(
      (found) => answerFor(token, found),
      (error: unknown) => {
        if (isStoreUnavailable(error)) return storeUnavailable;
        throw error;
      },
    );
  };
}
