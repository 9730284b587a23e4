import type { Database } from '../database';
import type { SeriesFiles } from '../series-files';
import type { SeriesIndex } from '../series-index';

/** What an op's apply function may touch: the metadata database and the metric histories. */
export interface ApplyContext {
  db: Database;
  series: SeriesIndex;
  files: SeriesFiles;
}
