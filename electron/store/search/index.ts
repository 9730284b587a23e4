export { compileRunsQuery, type RunsQueryInput } from './runs-query';
export { compileExperimentsQuery, type ExperimentsQueryInput } from './experiments-query';
export { compileLoggedModelsQuery, type LoggedModelsQueryInput } from './logged-models-query';
export type { LoggedModelDatasetFilter } from './logged-models-sql';
export type { SqlFragment, SqlParam, ViewType } from './sql-fragment';
export { likeToGlob } from './like-to-glob';
