/** Which kind of sealed unit failed to open. */
export type SealedUnit = 'record' | 'block' | 'chunk' | 'header' | 'name';

/**
 * Why it failed. 'authentication failed' covers every change an attacker or a bad disk can make
 * to a unit or move it to (a flipped bit, a unit from another file, position or older version):
 * AES-GCM cannot tell them apart and does not try to.
 */
export type DamageReason =
  | 'authentication failed'
  | 'truncated'
  | 'not written'
  | 'bad magic'
  | 'unsupported version'
  | 'malformed';

/**
 * A sealed unit that does not open: the bytes on disk are not what this key sealed for this
 * place. Never read as garbage; the caller names the file (it knows the path, this module does not).
 */
export class DamageError extends Error {
  override name = 'DamageError';
  constructor(
    readonly unit: SealedUnit,
    readonly reason: DamageReason,
    /** Block or chunk index, where the unit has one. */
    readonly index?: number,
  ) {
    super(`sealed ${unit}${index === undefined ? '' : ` ${index}`} is damaged: ${describe(reason)}`);
  }
}

function describe(reason: DamageReason): string {
  switch (reason) {
    case 'authentication failed':
      return 'authentication failed (changed, moved, replayed or sealed with another key)';
    case 'truncated':
      return 'truncated';
    case 'not written':
      return 'all zero where data must be';
    case 'bad magic':
      return 'not a sealed file (bad magic)';
    case 'unsupported version':
      return 'written by a newer format version';
    case 'malformed':
      return 'malformed (impossible sizes, or bytes where there must be none)';
  }
}
