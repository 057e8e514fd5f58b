/**
 * The child process `verifyPacts` replays a pact in: it runs Pact's Verifier against the mock the parent
 * started, asking the parent (over IPC) to set each provider state up. Pact's core prints its report from
 * native code straight to file descriptor 1, past anything Node could intercept; in a child of its own,
 * that output is a pipe the parent prints, strips of colour or drops.
 */
import { isFormType } from '../../mock/http/form-body.js';
import { pathOf } from '../../mock/http/request-path.js';
import { isMainModule } from '../../src/is-main-module.js';
import { CONTRACT_OPERATIONS } from '../operations/index.js';
import { contributionsOn, type ReplayedRequest } from '../operations/operation.js';
import { loadPact } from '../pact/peer-dependencies.js';
import type { StateValues } from '../pact/provider-state.js';

/** What the parent sends to start a replay. */
export interface ReplayRequest {
  readonly type: 'replay';
  /** The pact file to replay. */
  readonly file: string;
  readonly provider: string;
  readonly providerBaseUrl: string;
  /** Every provider state the parent can set up. */
  readonly states: readonly string[];
  readonly logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error';
}

/** The child asks the parent to set a state up. */
export interface StateSetupCall {
  readonly type: 'state';
  readonly id: number;
  readonly name: string;
  readonly params: unknown;
}

/** The parent's answer to a `StateSetupCall`. */
export type StateSetupAnswer =
  | { readonly type: 'state-done'; readonly id: number; readonly values: StateValues }
  | { readonly type: 'state-failed'; readonly id: number; readonly message: string };

/** The replay's outcome: the Verifier's JSON result, or why it could not run. */
export interface ReplayDone {
  readonly type: 'done';
  readonly result: string;
}

/** Runs one replay; `call` sets a state up in the parent. Resolves with the Verifier's JSON result. */
export async function replay(
  request: ReplayRequest,
  call: (name: string, params: unknown) => Promise<StateValues>,
): Promise<string> {
  const { Verifier } = loadPact('verify');
  // The values of the state being verified: a hand-written pact's own token, code and verifier stand for
  // "the one of this state".
  let values: StateValues = {};
  const stateHandlers: Record<
    string,
    { setup: (params: unknown) => Promise<StateValues>; teardown: () => Promise<undefined> }
  > = {};
  for (const name of request.states) {
    stateHandlers[name] = {
      setup: async (params) => {
        values = await call(name, params);
        return values;
      },
      teardown: () => {
        values = {};
        return Promise.resolve(undefined);
      },
    };
  }
  return new Verifier({
    providerBaseUrl: request.providerBaseUrl,
    provider: request.provider,
    pactUrls: [request.file],
    // Pact types `stateHandlers` as the intersection of its proxy's and its core's handler types, which no
    // setup/teardown pair satisfies; the proxy is what calls them, and it takes this form.
    stateHandlers: stateHandlers as never,
    requestFilter: (incoming: ReplayedRequest, _response: unknown, next: () => void) => {
      // The operation whose path this is puts the state's values in (a token, a code, a client id).
      const path = pathOf(incoming.url ?? '');
      for (const substitute of contributionsOn(CONTRACT_OPERATIONS, path, (contract) => contract.replay))
        substitute(incoming, values);
      if (isFormType(incoming.headers['content-type'])) reencodeForm(incoming);
      next();
    },
    logLevel: request.logLevel,
  })
    .verifyProvider()
    .then(
      (json) => json,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
}

/**
 * Pact's verifier proxy parses a form body into an object and forwards it JSON-encoded under the form's
 * Content-Type (pact-js 16.5, `proxy.js` + `parseBody.js`), which no form reader accepts. The body is
 * encoded back into a form here (a Buffer is forwarded as it is).
 */
function reencodeForm(request: ReplayedRequest): void {
  const body = request.body;
  if (typeof body !== 'object' || body === null || Buffer.isBuffer(body)) return;
  const form = new URLSearchParams();
  for (const [field, value] of Object.entries(body as Record<string, unknown>)) {
    form.append(field, typeof value === 'string' ? value : JSON.stringify(value));
  }
  const encoded = Buffer.from(form.toString());
  request.body = encoded;
  request.headers['content-length'] = String(encoded.length);
}

/** Serves the parent: one replay, then exit once the result is sent. */
function serveParent(send: (message: StateSetupCall | ReplayDone, sent?: () => void) => void): void {
  const pending = new Map<
    number,
    { resolve: (values: StateValues) => void; reject: (error: Error) => void }
  >();
  let nextId = 0;
  const call = (name: string, params: unknown): Promise<StateValues> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      send({ type: 'state', id, name, params });
    });
  process.on('message', (message: ReplayRequest | StateSetupAnswer) => {
    if (message.type === 'replay') {
      // Pact's proxy and core may keep handles open; the replay is over once its result is sent.
      void replay(message, call).then((result) => send({ type: 'done', result }, () => process.exit(0)));
      return;
    }
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (message.type === 'state-done') waiting?.resolve(message.values);
    else waiting?.reject(new Error(message.message));
  });
}

if (isMainModule(import.meta.url) && process.send) {
  const send = process.send.bind(process);
  serveParent((message, sent) => void send(message, undefined, {}, sent));
}
