import type { DamageError } from '../crypto/sealed';

/**
 * A sealed series file whose bytes do not open (a flipped bit, a block moved from elsewhere or
 * an older version put back, a torn block with no copy to fall back on): never read as numbers.
 */
export class SeriesDamageError extends Error {
  override name = 'SeriesDamageError';
  constructor(
    readonly path: string,
    readonly seriesId: number,
    what: string,
    override readonly cause: DamageError,
  ) {
    super(`series file ${path} (${what}) is damaged: ${cause.message}`);
  }
}
