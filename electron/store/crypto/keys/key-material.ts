import { randomBytes, timingSafeEqual } from 'node:crypto';
import { inspect } from 'node:util';

const REDACTED = '[redacted]';

/**
 * Key bytes that never print: toString, toJSON, template literals and util.inspect (console.log,
 * error causes) all show "[redacted]". The holder owns its buffer: dispose() zeroes it, and any
 * use after that throws, so a forgotten key cannot be used by mistake.
 */
export class KeyMaterial {
  #bytes: Buffer | null;

  /** Takes ownership of `bytes` (the caller must not keep using them). */
  constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }

  /** A fresh random key of `length` bytes (in its own, unpooled buffer). */
  static random(length: number): KeyMaterial {
    return new KeyMaterial(randomBytes(length));
  }

  /** A copy of `bytes` in a buffer of its own (so zeroing it cannot touch a shared pool). */
  static copyOf(bytes: Uint8Array): KeyMaterial {
    const own = Buffer.alloc(bytes.length);
    own.set(bytes);
    return new KeyMaterial(own);
  }

  /** The live bytes, for node:crypto calls. Do not keep a reference past dispose(). */
  get bytes(): Buffer {
    if (!this.#bytes) throw new Error('key material was used after it was disposed');
    return this.#bytes;
  }

  get length(): number {
    return this.bytes.length;
  }

  get disposed(): boolean {
    return this.#bytes === null;
  }

  /** Constant-time comparison. */
  equals(other: KeyMaterial): boolean {
    return this.length === other.length && timingSafeEqual(this.bytes, other.bytes);
  }

  /** Zeroes the bytes; idempotent. */
  dispose(): void {
    this.#bytes?.fill(0);
    this.#bytes = null;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}

/** Runs `use` with `key`, then disposes of the key whatever happens. */
export async function usingKey<T>(key: KeyMaterial, use: (key: KeyMaterial) => Promise<T> | T): Promise<T> {
  try {
    return await use(key);
  } finally {
    key.dispose();
  }
}
