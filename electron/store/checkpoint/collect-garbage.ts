import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null | undefined;

/**
 * Runs a full garbage collection where V8 allows one to be asked for (the flag is set at run
 * time, as `--expose-gc` cannot be given to a worker). The checkpoint worker calls it after
 * dropping a whole-database buffer (the snapshot it opened, an export it wrote), so hundreds of
 * megabytes go back at once instead of whenever V8 next feels like collecting. A no-op where
 * that is not possible.
 */
export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
