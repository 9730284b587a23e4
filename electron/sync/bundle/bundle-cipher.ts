import { createCipheriv, createDecipheriv } from 'node:crypto';

/**
 * The body of an encrypted bundle is cut into chunks of CHUNK_BYTES (the last one shorter), each
 * sealed with AES-256-GCM: the nonce is the bundle's 4-byte prefix and the chunk's index, and the
 * associated data is the header, the index and whether the chunk is the last, so a chunk moved,
 * repeated, dropped or cut off (a truncated file) fails to authenticate.
 */
export const CHUNK_BYTES = 1024 * 1024;
export const TAG_BYTES = 16;
export const SEALED_CHUNK_BYTES = CHUNK_BYTES + TAG_BYTES;

export interface ChunkKey {
  key: Buffer;
  noncePrefix: Buffer;
  header: Buffer;
}

function nonceOf(k: ChunkKey, index: number): Buffer {
  const nonce = Buffer.alloc(12);
  k.noncePrefix.copy(nonce, 0);
  nonce.writeBigUInt64BE(BigInt(index), 4);
  return nonce;
}

function aadOf(k: ChunkKey, index: number, final: boolean): Buffer {
  const tail = Buffer.alloc(9);
  tail.writeBigUInt64BE(BigInt(index), 0);
  tail.writeUInt8(final ? 1 : 0, 8);
  return Buffer.concat([k.header, tail]);
}

/** Ciphertext followed by its 16-byte tag. */
export function sealChunk(k: ChunkKey, index: number, final: boolean, plain: Buffer): Buffer {
  const c = createCipheriv('aes-256-gcm', k.key, nonceOf(k, index));
  c.setAAD(aadOf(k, index, final));
  return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}

/** The chunk's plaintext, or null when it does not authenticate (damaged, moved or cut off). */
export function openChunk(k: ChunkKey, index: number, final: boolean, sealed: Buffer): Buffer | null {
  if (sealed.length < TAG_BYTES) return null;
  const d = createDecipheriv('aes-256-gcm', k.key, nonceOf(k, index));
  d.setAAD(aadOf(k, index, final));
  d.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([d.update(sealed.subarray(0, sealed.length - TAG_BYTES)), d.final()]);
  } catch {
    return null;
  }
}

/** How many chunks a body of `sealedBytes` on disk has (at least one: even an empty body has its final chunk). */
export const chunkCount = (sealedBytes: number) => Math.max(1, Math.ceil(sealedBytes / SEALED_CHUNK_BYTES));
