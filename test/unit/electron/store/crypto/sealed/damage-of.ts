import { DamageError } from '../../../../../../electron/store/crypto/sealed';

/** The DamageError `f` throws; any other throw is rethrown, and opening without one fails the test. */
export function damageOf(f: () => unknown): DamageError {
  try {
    f();
  } catch (e) {
    if (e instanceof DamageError) return e;
    throw e;
  }
  throw new Error('opened');
}

/** damageOf for a promise. */
export async function damageOfAsync(p: Promise<unknown>): Promise<DamageError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DamageError) return e;
    throw e;
  }
  throw new Error('opened');
}
