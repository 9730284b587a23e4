/** A project that cannot run as asked (a bad MLproject, a missing entry point, a parameter that does not fit): one line a person reads. */
export class ProjectError extends Error {
  override name = 'ProjectError';
}
