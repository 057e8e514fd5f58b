/**
 * The entry point of the standalone executable (`npm run build:standalone`): the mock and the fixtures
 * CLI in one file, for machines without Node. It is bundled into CommonJS and run as a Node single
 * executable application; usage and messages name the executable as it is called.
 */
import { basename } from 'node:path';
import { runAsMain, runSubcommand } from '../../src/cli-support.js';
import { KIT_DESCRIPTION, MOCK_AND_FIXTURES_COMMANDS } from './commands.js';

runAsMain((argv) =>
  runSubcommand(argv, {
    program: basename(process.execPath),
    description: KIT_DESCRIPTION,
    commands: MOCK_AND_FIXTURES_COMMANDS,
    defaultCommand: 'mock',
  }),
);
