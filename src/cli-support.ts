import { parseArgs, type ParseArgsConfig } from 'node:util';
import { KitError } from './errors.js';

type FlagOptions = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends FlagOptions> = ReturnType<
  typeof parseArgs<{ options: O & { help: { type: 'boolean' } }; strict: true; allowPositionals: false }>
>['values'];

/**
 * Parses a command's flags (plus `--help`) strictly. Resolves to the values, or to the exit code when
 * there is nothing more to do: 0 after printing `usage` for `--help`, 2 after a usage error.
 *
 * @example
 * const flags = parseFlags(argv, { port: { type: 'string', default: '4010' } }, USAGE);
 * if (typeof flags === 'number') return flags;
 */
export function parseFlags<const O extends FlagOptions>(
  argv: readonly string[],
  options: O,
  usage: string,
): Parsed<O> | number {
  let values: Parsed<O>;
  try {
    values = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if ((values as { help?: boolean }).help === true) {
    console.log(usage);
    return 0;
  }
  return values;
}

/**
 * Runs a command's work; a `KitError` (a user mistake such as a bad file or a port in use) is printed
 * as its one-line message with exit code 1, never a stack trace. Other errors are bugs and propagate.
 */
export async function runReportingKitErrors(work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof KitError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}
