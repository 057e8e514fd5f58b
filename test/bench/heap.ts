/**
 * The heap as the benchmark's memory figures read it: after two full collections, in MiB. `--expose-gc`
 * is set for this process only, without changing how `npm run bench` starts node.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Used heap after a full collection, in MiB. */
export function heapMiB(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}
