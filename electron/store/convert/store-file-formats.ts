import { join } from 'node:path';
import type { StoreKeys } from '../crypto/store-keys';
import { SeriesFiles } from '../series-files';

/**
 * Which of a store's files an encrypted store seals, as Store.open reads them: the copy a
 * conversion writes must be exactly what the store reads, so the conversion asks here and
 * nowhere else. Every kind is sealed: the journal (journal-writer), snapshots (snapshot-files),
 * series files (series-files with the store's keys) and artifacts (artifacts/). Whatever these
 * say, the conversion opens its copy and reads it back point for point before any swap, so a
 * copy the store would read otherwise is refused and the store left as it was.
 */
export const STORE_SEALS = { series: true, snapshot: true } as const;

/** The series files of the store folder `dir` as the store opens them. */
export const seriesFilesOf = (dir: string, keys: StoreKeys | null): SeriesFiles => new SeriesFiles(join(dir, 'series'), STORE_SEALS.series ? keys : null);
