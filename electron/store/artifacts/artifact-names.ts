import { invalidParam, MlflowError } from '../../../shared/domain/mlflow-error';
import { DamageError, MAX_NAME_BYTES, openName, SealedNameTooLongError, sealName } from '../crypto/sealed';
import { ownerRootDepth, refPath, type ArtifactRef } from './artifact-ref';

/** How artifact path segments are named on disk: as they are (plain store) or sealed. */
export interface ArtifactNames {
  /** The on-disk segments of `ref`. */
  toDisk(ref: ArtifactRef): string[];
  /** The plaintext name of `diskName`, an entry of the folder `folder`. */
  fromDisk(folder: ArtifactRef, diskName: string): string;
}

export const plainNames: ArtifactNames = {
  toDisk: (ref) => [...ref],
  fromDisk: (_folder, diskName) => diskName,
};

/**
 * Sealed names (crypto/sealed/sealed-names.ts): each segment below the owner's artifact root is
 * sealed deterministically under its plaintext parent path, so a lookup by name needs no scan
 * and a name moved to another folder does not open. `namesKey` is asked for at each use (the
 * store's keys are disposed when it closes).
 */
export function sealedNames(namesKey: () => Buffer): ArtifactNames {
  return {
    toDisk(ref) {
      const plainDepth = ownerRootDepth(ref);
      return ref.map((seg, i) => (i < plainDepth ? seg : sealSegment(namesKey(), ref.slice(0, i), seg)));
    },
    fromDisk(folder, diskName) {
      if (folder.length < ownerRootDepth([...folder, diskName])) return diskName;
      try {
        return openName(namesKey(), refPath(folder), diskName);
      } catch (err) {
        if (err instanceof DamageError) throw damagedName(folder, diskName);
        throw err;
      }
    },
  };
}

function sealSegment(key: Buffer, parent: ArtifactRef, seg: string): string {
  try {
    return sealName(key, refPath(parent), seg);
  } catch (err) {
    if (!(err instanceof SealedNameTooLongError)) throw err;
    throw invalidParam(
      `Invalid artifact path: the name '${seg.slice(0, 60)}${seg.length > 60 ? '…' : ''}' is ${err.nameBytes} bytes of UTF-8; ` +
        `in an encrypted store a file or folder name is at most ${MAX_NAME_BYTES} bytes (sealed, it takes the file system's 255).`,
    );
  }
}

const damagedName = (folder: ArtifactRef, diskName: string) =>
  new MlflowError('INTERNAL_ERROR', `The artifact folder '${refPath(folder)}' of the encrypted store holds an entry that was not sealed there with this store's key ('${diskName.slice(0, 24)}…'): the store is damaged or was tampered with.`);
