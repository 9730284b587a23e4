import { deriveSubkey, type KeyMaterial, type SubkeyPurpose } from './keys';

/** Per-file subkeys kept at most (each is 32 bytes; deriving one again costs a few microseconds). */
const MAX_CACHED = 4096;

/**
 * The keys an encrypted store's files are sealed with, all derived from its data key
 * (HKDF-SHA256 per purpose and file, crypto/keys/subkeys.ts). A plain store has none: code
 * that writes a file takes `StoreKeys | null`. The returned buffers are the live subkeys, for
 * node:crypto calls only: never log, copy into errors or keep them past `dispose()`.
 */
export interface StoreKeys {
  /** One key per journal segment (the one stream whose record count grows for the store's life). */
  journal(segment: string): Buffer;
  snapshot(): Buffer;
  /** One key per series file, by its numeric id. */
  series(fileId: string): Buffer;
  /** One key per artifact, by its path relative to the store's artifacts folder (plaintext names). */
  artifact(relPath: string): Buffer;
  /** One key per multipart upload in progress. */
  upload(uploadId: string): Buffer;
  /** The key artifact path components are sealed with. */
  names(): Buffer;
  /** The key secrets kept in the store are sealed with. */
  secrets(): Buffer;
  /** Zeroes the data key and every subkey; any later use throws. */
  dispose(): void;
}

/** The StoreKeys of a data key (which it takes over: `dispose()` zeroes it). */
export function storeKeys(dek: KeyMaterial): StoreKeys {
  const cache = new Map<string, KeyMaterial>();
  const key = (purpose: SubkeyPurpose, fileId?: string): Buffer => {
    const name = fileId === undefined ? purpose : `${purpose}\0${fileId}`;
    let k = cache.get(name);
    if (k) {
      cache.delete(name); // kept in least-recently-used order
    } else {
      k = deriveSubkey(dek, purpose, fileId);
      if (cache.size >= MAX_CACHED) {
        const [oldest, old] = cache.entries().next().value as [string, KeyMaterial];
        old.dispose();
        cache.delete(oldest);
      }
    }
    cache.set(name, k);
    return k.bytes;
  };
  return {
    journal: (segment) => key('journal', segment),
    snapshot: () => key('snapshot'),
    series: (fileId) => key('series', fileId),
    artifact: (relPath) => key('artifact', relPath),
    upload: (uploadId) => key('upload', uploadId),
    names: () => key('names'),
    secrets: () => key('secrets'),
    dispose() {
      for (const k of cache.values()) k.dispose();
      cache.clear();
      dek.dispose();
    },
  };
}
