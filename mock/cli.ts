#!/usr/bin/env node
/**
 * `npm run mock`: starts the mock server (a test double of Truecaller's OAuth API, not for production).
 * It only parses flags and calls `createMockServer`, as a test would.
 */
import { parseFlags, runReportingKitErrors } from '../src/cli-support.js';
import { isMainModule } from '../src/is-main-module.js';
import { createMockServer } from './mock-server.js';
import { createBatchedLineWriter } from './request-log.js';
import { formatCodeTable } from './code-table.js';
import { formatTokenTable } from './token-table.js';
import { TOKEN_PATH } from './token-route.js';
import { USERINFO_PATH } from './userinfo-route.js';
import { DEFAULT_CLIENT_ID, EXAMPLE_CODE_VERIFIER } from '../src/exchange-outcomes.js';

const USAGE = `Usage: npm run mock -- [options]

Starts the Truecaller OAuth mock server (a test double, not for production).

Options:
  --port <n>       port to listen on (default 4010; 0 picks a free one)
  --host <addr>    address to listen on (default 127.0.0.1)
  --config <file>  JSON file with extra tokens, personas, codes and clients
  --quiet          do not log each request
  --help           show this text`;

/** Runs the mock CLI with `argv` (without `node` and the script); resolves with the exit code. */
export async function runMockCli(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(
    argv,
    {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      config: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
    USAGE,
  );
  if (typeof flags === 'number') return flags;
  const port = Number(flags.port);
  if (!/^\d+$/.test(flags.port) || port > 65535) {
    console.error(`--port must be a whole number from 0 to 65535, got "${flags.port}".`);
    return 2;
  }

  return runReportingKitErrors(async () => {
    const server = createMockServer({
      host: flags.host,
      port,
      config: flags.config,
      log: flags.quiet ? null : createBatchedLineWriter(process.stdout),
    });
    const url = await server.start();
    console.log(
      `truecaller-oauth-kit mock (a test double, not for production) listening on ${url}\n\n` +
        `${formatTokenTable(server.store)}\n\n` +
        `POST ${TOKEN_PATH} (any verifier of RFC 7636 syntax passes for the built-in codes):\n` +
        `${formatCodeTable(server.store)}\n\n` +
        `Try it:\n  curl -H 'Authorization: Bearer valid' ${url}${USERINFO_PATH}\n` +
        `  curl -d grant_type=authorization_code -d client_id=${DEFAULT_CLIENT_ID} -d code=valid-code ` +
        `-d code_verifier=${EXAMPLE_CODE_VERIFIER} ${url}${TOKEN_PATH}\n`,
    );
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await server.close();
    console.log('mock stopped');
    return 0;
  });
}

if (isMainModule(import.meta.url)) {
  process.exitCode = await runMockCli(process.argv.slice(2));
}
