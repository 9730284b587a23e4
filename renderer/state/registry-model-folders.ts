import type { FileInfo } from '../../shared/domain/tracking';

export interface FolderSearchLimits {
  /** Folder levels below the run's artifact root to look into. */
  maxDepth: number;
  /** Listings to make at most, so a run with thousands of folders stays quick. */
  maxListings: number;
}

const DEFAULT_LIMITS: FolderSearchLimits = { maxDepth: 4, maxListings: 200 };
const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const parentOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');

/**
 * Folders of a run's artifacts that hold an `MLmodel` file (a model MLflow can load), found
 * breadth first; '' is the artifact root itself. Paths are relative to the run's root, as
 * `artifacts.list` returns them.
 */
export async function findModelFolders(list: (path: string) => Promise<FileInfo[]>, limits: FolderSearchLimits = DEFAULT_LIMITS): Promise<string[]> {
  const found: string[] = [];
  let level = [''];
  let listings = 0;
  for (let depth = 0; depth <= limits.maxDepth && level.length > 0; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      if (listings++ >= limits.maxListings) return found;
      const files = await list(dir);
      for (const f of files) {
        if (!f.is_dir && baseName(f.path) === 'MLmodel') found.push(parentOf(f.path));
        else if (f.is_dir) next.push(f.path);
      }
    }
    level = next.sort();
  }
  return found;
}

/** The registry source for a run's folder: `runs:/<run>/<path>`. */
export const runSource = (runId: string, path: string) => (path ? `runs:/${runId}/${path}` : `runs:/${runId}`);

/** The registry source for a logged model: `models:/<model_id>`. */
export const loggedModelSource = (modelId: string) => `models:/${modelId}`;
