import { parseArgs, type ParseArgsConfig } from 'node:util';
import { KitError } from './errors.js';
import { kitVersion } from './package-files.js';

/**
 * The exit codes of every command: 0 done, 1 a failure while running (a file that cannot be read, a port
 * in use, a failed verification), 2 a mistake in the command line itself (an unknown flag, a bad value).
 */
export const EXIT = Object.freeze({ ok: 0, failed: 1, usage: 2 });

/** How a command was started, so its usage and messages name it as the user typed it. */
export interface CliContext {
  /** `truecaller-oauth-kit mock`, `npm run mock --`, ...: what comes before the flags. */
  readonly invocation: string;
}

type FlagOptions = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends FlagOptions> = ReturnType<
  typeof parseArgs<{
    options: O & { help: { type: 'boolean' }; version: { type: 'boolean' } };
    strict: true;
    allowPositionals: true;
  }>
>;

/** A command's flags, its usage text (for the invocation) and whether it takes positional arguments. */
export interface CommandLine<O extends FlagOptions> {
  readonly options: O;
  readonly usage: (invocation: string) => string;
  readonly positionals?: boolean;
}

/**
 * Parses a command's flags (plus `--help` and `--version`) strictly. Resolves to the values and
 * positionals, or to the exit code when there is nothing more to do: 0 after `--help` or `--version`,
 * 2 after a one-line message for a usage mistake, naming the flag and pointing at `--help`.
 *
 * @example
 * const parsed = parseCommandLine(argv, { options: { port: { type: 'string' } }, usage }, context);
 * if (typeof parsed === 'number') return parsed;
 */
export function parseCommandLine<const O extends FlagOptions>(
  argv: readonly string[],
  command: CommandLine<O>,
  context: CliContext,
): Pick<Parsed<O>, 'values' | 'positionals'> | number {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({
      args: joinNegativeNumbers(argv, command.options),
      // -h and -v as before a command: `mock -h` is `mock --help`.
      options: {
        ...command.options,
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    return usageError(describeParseError(error, Object.keys(command.options)), context);
  }
  const values = parsed.values as { help?: boolean; version?: boolean };
  if (values.help === true) {
    console.log(command.usage(context.invocation));
    return EXIT.ok;
  }
  if (values.version === true) {
    console.log(kitVersion());
    return EXIT.ok;
  }
  if (command.positionals !== true && parsed.positionals.length > 0) {
    return usageError(`Unexpected argument "${parsed.positionals[0] ?? ''}".`, context);
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

/** Prints a usage mistake as one line pointing at `--help`; resolves to exit code 2. */
export function usageError(problem: string, context: CliContext): number {
  console.error(`${problem} Run "${context.invocation} --help" for the options.`);
  return EXIT.usage;
}

/**
 * Runs a command's work; a `KitError` (a file that cannot be read, a port in use) is printed as its
 * message with exit code 1, never a stack trace. Other errors are bugs and propagate.
 */
export async function runReportingKitErrors(work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof KitError) {
      console.error(error.message);
      return EXIT.failed;
    }
    throw error;
  }
}

/**
 * Runs a command as the main module of a process and sets the exit code it resolves with. A promise,
 * not a top-level await: a bundled (CommonJS) build of the command has none.
 */
export function runAsMain(run: (argv: readonly string[]) => Promise<number>): void {
  // A reader that went away (`| head`) ends the output; it is not a crash worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? EXIT.ok);
  });
  void run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

/** A command of a program with several (`truecaller-oauth-kit <command>`), loaded only when asked for. */
export interface Subcommand {
  readonly summary: string;
  readonly load: () => Promise<(argv: readonly string[], context: CliContext) => Promise<number>>;
}

/**
 * Runs the command `argv` names, handing it the rest of the arguments and its invocation
 * (`<program> <command>`). No command, or flags first, runs `defaultCommand` with every argument, so
 * `truecaller-oauth-kit --port 4010` does what it says. `--help` lists the commands, `--version` prints
 * the kit's version; an unknown command is a usage mistake (exit 2).
 *
 * @example
 * process.exitCode = await runSubcommand(argv, { program: 'truecaller-oauth-kit', commands, defaultCommand: 'mock' });
 */
export async function runSubcommand(
  argv: readonly string[],
  options: {
    readonly program: string;
    readonly description: string;
    readonly commands: Readonly<Record<string, Subcommand>>;
    readonly defaultCommand: string;
  },
): Promise<number> {
  const { program, commands } = options;
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    console.log(`Usage: ${program} <command> [options]

${options.description}

Commands:
${Object.entries(commands)
  .map(
    ([name, { summary }]) =>
      `  ${name.padEnd(10)} ${summary}${name === options.defaultCommand ? ' (the default)' : ''}`,
  )
  .join('\n')}

Run a command with --help for its options; --version prints the kit's version.`);
    return EXIT.ok;
  }
  if (first === '--version' || first === '-v') {
    console.log(kitVersion());
    return EXIT.ok;
  }
  if (first === undefined || first.startsWith('-')) {
    const fallback = commands[options.defaultCommand];
    if (!fallback) throw new Error(`No command "${options.defaultCommand}" to run by default.`);
    // Its --help is the one that lists these flags.
    return (await fallback.load())(argv, { invocation: `${program} ${options.defaultCommand}` });
  }
  const command = commands[first];
  if (!command) {
    const suggestion = closest(first, Object.keys(commands));
    return usageError(
      `Unknown command "${first}"${suggestion ? ` (did you mean ${suggestion}?)` : ''}; the commands are ${Object.keys(commands).join(', ')}.`,
      { invocation: program },
    );
  }
  return (await command.load())(rest, { invocation: `${program} ${first}` });
}

// `--count -1` reads to parseArgs as a flag without its value; joined as `--count=-1` the command's own
// check says what is wrong with the number.
function joinNegativeNumbers(argv: readonly string[], options: FlagOptions): string[] {
  const joined: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    const next = argv[index + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      index++;
    } else joined.push(arg);
  }
  return joined;
}

function describeParseError(error: unknown, known: readonly string[]): string {
  const { code, message } = error as { code?: string; message?: string };
  const option = /'(-[^ ']+)/.exec(message ?? '')?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const suggestion = closest(option.replace(/^-+/, ''), [...known, 'help', 'version']);
      return `Unknown option ${option}${suggestion ? ` (did you mean --${suggestion}?)` : ''}.`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(message ?? '')) return `${option} takes no value.`;
      if (/ambiguous/.test(message ?? ''))
        return `${option} needs a value; for one that starts with "-", write ${option}=<value>.`;
      return `${option} needs a value.`;
    default:
      return `${(message ?? String(error)).split('. ')[0] ?? ''}.`;
  }
}

// The known flag within two edits of what was typed, if there is one.
function closest(typed: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(typed, name);
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
