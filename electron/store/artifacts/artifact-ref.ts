/**
 * An artifact's place in the mlflow-artifacts namespace: its path segments below the store's
 * artifacts/ folder, plaintext and already checked (artifact-paths.ts artifactSegments), e.g.
 * ['1', '<run id>', 'artifacts', 'model', 'MLmodel']. Only the artifact store (artifact-store.ts)
 * turns one into a file on disk.
 */
export type ArtifactRef = readonly string[];

/**
 * Segments of `ref` that name its owner's artifact root and stay plain on disk in every store:
 * `<exp>/<run>/artifacts` (3) or `<exp>/models/<model id>/artifacts` (4). Experiment and run or
 * model ids are not secret (the journal and the database name them anyway); everything below
 * the root (the names a client chose) is sealed in an encrypted store.
 */
export const ownerRootDepth = (ref: ArtifactRef): number => (ref[1] === 'models' ? 4 : 3);

/** The ref as one '/'-separated string (plaintext), as keys and places name it. */
export const refPath = (ref: ArtifactRef): string => ref.join('/');
