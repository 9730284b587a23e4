/** The store's own failures, with messages meant for the person who opened the store. */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

/** A write could not be made durable; the store refuses further writes until reopened. */
export class StoreWriteError extends Error {
  override name = 'StoreWriteError';
}
