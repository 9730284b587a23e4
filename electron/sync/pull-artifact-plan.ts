/**
 * What a pull does with the files of one pulled run, from three listings: what the remote has now
 * (a complete listing: a file missing from it is deleted there), what the last sync recorded the
 * remote to have (`recorded`; `pulled` when those bytes came from the remote by a pull, lazy or
 * downloaded, rather than being pushed from here), and what is in the store (`local`). Pure: the
 * pull turns the steps into downloads, deletions and ops.
 *
 * MLflow's listing gives a file's size only (no hash, no time), so a size is what tells the
 * remote's copy changed; a local copy changed is one whose size or mtime differs from the record.
 */
export interface RemoteFile {
  path: string;
  size: number;
}

export interface RecordedFile {
  size: number;
  /** The local file's mtime when recorded (0: not downloaded). */
  mtime: number;
  /** The bytes came from the remote by a pull (lazy or downloaded); false: pushed from here. */
  pulled: boolean;
}

/** A regular file in the store at the path, or 'dir' for a folder there. */
export type LocalEntry = { size: number; mtime: number } | 'dir';

export interface ArtifactPlanInput {
  remote: readonly RemoteFile[];
  recorded: ReadonlyMap<string, RecordedFile>;
  /** Files recorded but not downloaded yet, with the size recorded. */
  lazy: ReadonlyMap<string, number>;
  /** What the store has at each path of the three lists above (absent: nothing). */
  local: ReadonlyMap<string, LocalEntry>;
  mode: 'lazy' | 'eager';
}

export type ArtifactStep =
  /** Fetch the remote's bytes (new, changed there, or still lazy in eager mode), then record them. */
  | { kind: 'download'; path: string; size: number }
  /** Record the remote's file to be downloaded on first open. */
  | { kind: 'lazy'; path: string; size: number }
  /** The file here already has the remote's size (a download not yet recorded): record it as the remote's. */
  | { kind: 'adopt'; path: string; size: number; mtime: number }
  /** Deleted on the remote; the copy here is the remote's, unchanged: delete it, then forget it. */
  | { kind: 'remove'; path: string; size: number; mtime: number }
  /** Deleted on the remote and nothing of it here to delete (not downloaded, or deleted here too): forget it. */
  | { kind: 'forget'; path: string }
  /** Both sides changed it: keep this side's, report it; `forget` when the remote deleted it (it is no longer there). */
  | { kind: 'clash'; path: string; why: string; forget: boolean };

const CHANGED_BOTH = 'differs here from the remote\'s copy, and both changed since the last sync; kept this one';

/** The steps, in path order; a path needing nothing has no step. */
export function planArtifacts(input: ArtifactPlanInput): ArtifactStep[] {
  const steps: ArtifactStep[] = [];
  const onRemote = new Set<string>();
  for (const file of input.remote) {
    onRemote.add(file.path);
    const step = planRemoteFile(input, file);
    if (step) steps.push(step);
  }
  const gone = new Set([...input.recorded.keys(), ...input.lazy.keys()].filter((p) => !onRemote.has(p)));
  for (const path of gone) steps.push(planDeleted(input, path));
  return steps.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function planRemoteFile(input: ArtifactPlanInput, { path, size }: RemoteFile): ArtifactStep | null {
  const rec = input.recorded.get(path);
  const lazySize = input.lazy.get(path);
  const here = input.local.get(path);
  const fetch = (): ArtifactStep => (input.mode === 'eager' ? { kind: 'download', path, size } : { kind: 'lazy', path, size });
  if (here === 'dir') return { kind: 'clash', path, why: 'is a folder here and a file on the remote; kept the folder', forget: false };
  if (here) {
    if (rec && lazySize === undefined) {
      const unchangedHere = here.size === rec.size && here.mtime === rec.mtime;
      if (size === rec.size) return null; // the remote's is as recorded: this side's (changed or not) stands, a push sends a change
      if (unchangedHere) return { kind: 'download', path, size }; // changed on the remote only
      if (here.size === size) return { kind: 'adopt', path, size, mtime: here.mtime }; // both now agree (a download not yet recorded)
      return { kind: 'clash', path, why: CHANGED_BOTH, forget: false };
    }
    // Not recorded, or recorded lazily: a download not yet recorded, or a file made here.
    if (here.size === size) return { kind: 'adopt', path, size, mtime: here.mtime };
    if (lazySize !== undefined && rec?.size === size) return null; // written here over a lazy file the remote did not change: a push sends it
    return { kind: 'clash', path, why: CHANGED_BOTH, forget: false };
  }
  if (lazySize !== undefined) {
    if (input.mode === 'eager') return { kind: 'download', path, size };
    return lazySize === size && rec?.size === size ? null : { kind: 'lazy', path, size };
  }
  if (rec && rec.size === size) return null; // deleted here since the last sync: kept deleted (a push does not delete remote files)
  return fetch(); // new on the remote, or changed there after being deleted here
}

function planDeleted(input: ArtifactPlanInput, path: string): ArtifactStep {
  const rec = input.recorded.get(path);
  const lazySize = input.lazy.get(path);
  const here = input.local.get(path);
  if (!here || here === 'dir') return { kind: 'forget', path };
  const kept = (why: string): ArtifactStep => ({ kind: 'clash', path, why: `was deleted on the remote, but ${why}; kept this one (the next push sends it back)`, forget: true });
  if (lazySize !== undefined) {
    // A download not yet recorded is the remote's copy; any other file here was written here.
    return here.size === lazySize ? { kind: 'remove', path, size: here.size, mtime: here.mtime } : kept('a file was written here in its place');
  }
  if (!rec!.pulled) return kept('it was added here (and pushed)');
  if (here.size === rec!.size && here.mtime === rec!.mtime) return { kind: 'remove', path, size: here.size, mtime: here.mtime };
  return kept('it changed here since the last sync');
}
