import { join } from 'node:path';
import type { StoreKeys } from '../crypto/store-keys';
import { SeriesFiles } from '../series-files';

/**
 * Which of a store's files an encrypted store seals today, as Store.open reads them: the copy a
 * conversion writes must be exactly what the store reads, so the conversion asks here and
 * nowhere else. The journal and artifacts are sealed (store.ts, artifacts/); Store.open does not
 * hand its keys to its SeriesFiles yet, nor read sealed snapshots (issue 12's series and snapshot
 * wiring): when it does, these flip to true, and the conversion's check (the copy opened and
 * read back point for point before any swap) refuses a copy the store would read otherwise.
 */
export const STORE_SEALS = { series: false, snapshot: false } as const;

/** The series files of the store folder `dir` as the store opens them. */
export const seriesFilesOf = (dir: string, keys: StoreKeys | null): SeriesFiles => new SeriesFiles(join(dir, 'series'), STORE_SEALS.series ? keys : null);
