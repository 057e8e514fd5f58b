/**
 * The entry point of the standalone executable (`npm run build:standalone`): the mock and the fixtures
 * CLI in one file, for machines without Node. It is bundled into CommonJS and run as a Node single
 * executable application; usage and messages name the executable as it is called.
 */
import cluster from 'node:cluster';
import { basename } from 'node:path';
import { EXIT, runAsMain, runSubcommand } from '../../src/cli-support.js';
import {
  KIT_DESCRIPTION,
  MOCK_AND_FIXTURES_COMMANDS,
  PACKAGE_ONLY_COMMANDS,
  packageOnlyNote,
} from './commands.js';

runAsMain((given) => {
  // A worker of `--workers` is forked as `<executable> <executable> mock ...` (node:cluster names the
  // script, which in a single executable is the executable itself): its own name is not a command.
  const argv = cluster.isWorker && given[0] === process.execPath ? given.slice(1) : given;
  // A command of the package's bin that is not here: say where it is, not just that it is unknown.
  const [first] = argv;
  if (first !== undefined && PACKAGE_ONLY_COMMANDS.includes(first)) {
    console.error(packageOnlyNote(first));
    return Promise.resolve(EXIT.usage);
  }
  return runSubcommand(argv, {
    program: basename(process.execPath),
    description: `${KIT_DESCRIPTION}\n${packageOnlyNote()}`,
    commands: MOCK_AND_FIXTURES_COMMANDS,
    defaultCommand: 'mock',
  });
});
