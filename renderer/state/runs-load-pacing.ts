/**
 * When a progressive load shows what it has read so far. Every shown page makes the table
 * derive its rows from all the runs read until then (index, tree, order, counts), so showing
 * each of 50 pages of a 50,000-run experiment would redo that work 50 times: 1.3 million runs
 * handled where 50,000 would do, and the longest of those steps grows with the list.
 *
 * The first page is shown at once (the first rows), then a page only when the runs read have
 * at least doubled since the last showing, and the last page always: the work adds up to about
 * twice the list, however long it is. `0` shown means nothing of this load is shown yet.
 */
export const GROWTH_BEFORE_SHOWING = 2;

export function shouldShowPage(shownCount: number, readCount: number, done: boolean): boolean {
  if (done || shownCount === 0) return true;
  return readCount >= shownCount * GROWTH_BEFORE_SHOWING;
}
