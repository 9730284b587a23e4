/** Tags that tie a remote entity to the local one it was pushed from (the ID map can be rebuilt from them). */
export const ORIGIN_RUN_TAG = 'sextant.origin.run_id';
export const ORIGIN_STORE_TAG = 'sextant.origin.store';

const quoted = (s: string) => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/** The MLflow filter that finds the remote run pushed from a local run. */
export const originRunFilter = (localRunId: string) => `tags.\`${ORIGIN_RUN_TAG}\` = ${quoted(localRunId)}`;
