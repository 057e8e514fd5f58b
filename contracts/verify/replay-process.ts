import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { colourAllowed, stripAnsi } from '../../src/terminal-colour.js';
import type { StateHandlers } from '../pact/provider-state.js';
import type { ReplayDone, ReplayRequest, StateSetupAnswer, StateSetupCall } from './replay-worker.js';

/**
 * What becomes of Pact's own report while a pact is replayed: `silent` drops it (the kit's report names
 * every problem); `print` copies it to this process's stdout and stderr, without colour unless the stream
 * is a terminal and `NO_COLOR` is unset.
 */
export type PactOutput = 'silent' | 'print';

/** One pact to replay in a child process against a running mock. */
export interface ReplayOptions {
  readonly file: string;
  readonly provider: string;
  readonly providerBaseUrl: string;
  /** The state handlers of the mock; they run here, in this process, where the mock lives. */
  readonly handlers: StateHandlers;
  readonly logLevel: ReplayRequest['logLevel'];
  readonly pactOutput: PactOutput;
}

/**
 * Replays a pact with Pact's Verifier in a child process (see `replay-worker.ts`); resolves with the
 * Verifier's JSON result, or with why it could not run (not JSON) when the child failed.
 */
export function replayInChildProcess(options: ReplayOptions): Promise<string> {
  const worker = workerEntry();
  const child = fork(worker.file, [], {
    execArgv: worker.execArgv,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, PACT_DO_NOT_TRACK: process.env.PACT_DO_NOT_TRACK ?? 'true' },
  });
  const errors: string[] = [];
  const { stdout, stderr } = child;
  // Piped above, so both are there; the types of `fork` cannot say so.
  if (stdout && stderr) {
    copyLines(stdout, options.pactOutput === 'print' ? process.stdout : undefined);
    copyLines(stderr, options.pactOutput === 'print' ? process.stderr : undefined, errors);
  }

  return new Promise<string>((resolve) => {
    let result: string | undefined;
    child.on('message', (message: StateSetupCall | ReplayDone) => {
      if (message.type === 'done') {
        result = message.result;
        return;
      }
      void setUp(options.handlers, message).then((answer) => child.connected && child.send(answer));
    });
    child.on('error', (error) => {
      result ??= `the verifier process failed to start: ${error.message}`;
    });
    // `close` comes after the child's output is read to the end, so a printed report is complete.
    child.on('close', (code, signal) => {
      resolve(
        result ??
          `the verifier process exited with ${signal ?? `code ${String(code)}`}${errors.length > 0 ? `: ${errors.slice(-5).join(' | ')}` : ''}`,
      );
    });
    const request: ReplayRequest = {
      type: 'replay',
      file: options.file,
      provider: options.provider,
      providerBaseUrl: options.providerBaseUrl,
      states: Object.keys(options.handlers),
      logLevel: options.logLevel,
    };
    child.send(request);
  });
}

async function setUp(handlers: StateHandlers, call: StateSetupCall): Promise<StateSetupAnswer> {
  // A pact names the state: `constructor` or `__proto__` is no handler, whatever Object has under that name.
  const handler = Object.hasOwn(handlers, call.name) ? handlers[call.name] : undefined;
  try {
    if (!handler) throw new Error(`no handler for the provider state "${call.name}"`);
    return { type: 'state-done', id: call.id, values: await handler(call.params) };
  } catch (error) {
    return {
      type: 'state-failed',
      id: call.id,
      message: error instanceof Error ? error.message : String(error),
    };
  }
}

/** Copies each line of `from` to `to` (colour stripped unless `to` may show it), keeping some in `kept`. */
function copyLines(from: NodeJS.ReadableStream, to: NodeJS.WriteStream | undefined, kept?: string[]): void {
  const colour = to !== undefined && colourAllowed(to);
  createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) => {
    if (to) to.write(`${colour ? line : stripAnsi(line)}\n`);
    if (kept && line.trim() !== '') {
      kept.push(stripAnsi(line).trim());
      if (kept.length > 20) kept.shift();
    }
  });
}

/**
 * The worker's file, and how Node runs it: the built `.js` as it is; from the source tree (the kit's own
 * tests), the `.ts` with tsx, a development dependency, as `npm run` would.
 */
function workerEntry(): { file: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const file = fileURLToPath(new URL(`./replay-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url));
  if (!fromSource) return { file, execArgv: [] };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { file, execArgv: ['--import', tsx] };
}
