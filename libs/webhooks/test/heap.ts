import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// Tests run without --expose-gc; V8 still hands `gc` to a context created after the flag is set.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Heap in use after a full collection, in bytes: what is really kept alive. */
export function liveHeapBytes(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}
