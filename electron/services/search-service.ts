import { invalidParam, MlflowError } from '../../shared/domain/mlflow-error';
import type { Experiment, LoggedModel, Run } from '../../shared/domain/tracking';
import { parseFilter, parseLoggedModelOrderBy, parseOrderBy, parseRunsFilter, unwrapSearch, type FilterTerm, type OrderByClause } from '../../shared/search';
import { findExperiment, toExperiment, type ExperimentRow } from '../store/repos/experiments-repo';
import { findLoggedModel, toLoggedModel } from '../store/repos/logged-models-repo';
import { chunks } from '../store/repos/chunks';
import { toRuns, type RunRow } from '../store/repos/runs-repo';
import { KeyInterner } from '../store/read-model/key-interner';
import { loadRunRecords, runsById } from '../store/read-model/load-run-records';
import { runJson, runOf } from '../store/read-model/run-json';
import type { RunRecord } from '../store/read-model/run-record';
import { runsPageBytes } from '../store/read-model/runs-page-json';
import { searchModel, searchModelSliced, SLICED_MIN_RUNS, type ModelSearch } from '../store/read-model/search-model';
import { Slicer } from '../store/read-model/slicer';
import { runsReadModelOf } from '../store/read-model/store-read-model';
import { compileExperimentsQuery, compileLoggedModelsQuery, compileRunsQuery, type LoggedModelDatasetFilter, type ViewType } from '../store/search';
import { decodePageToken, encodePageToken } from './page-token';
import type { ServiceContext } from './service-context';
import { LIMITS } from './validation';

export interface Page<T> {
  items: T[];
  nextPageToken?: string;
}

export function checkMaxResults(maxResults: number, limit: number): number {
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > limit) {
    throw invalidParam(`Invalid value ${maxResults} for parameter 'max_results' supplied. It must be a positive integer at most ${limit}.`);
  }
  return maxResults;
}

/**
 * Searches so large that SQLite or the parser gives up (thousands of clauses, join or
 * variable limits, deep nesting) are the caller's error, answered 400 rather than 500.
 */
export function bounded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof MlflowError) throw err;
    throw invalidParam(`The search is too large or too complex (${(err as Error).message}); use fewer clauses, values or order_by keys.`);
  }
}

/** Runs a compiled id query one row past the page, so the next page's existence is known. */
function pageOfIds(ctx: ServiceContext, compile: (limit: number, offset: number) => { sql: string; params: (string | number | null)[] }, maxResults: number, pageToken?: string): { ids: string[]; next?: string } {
  const offset = decodePageToken(pageToken);
  const q = compile(maxResults + 1, offset);
  const ids = ctx.store.db.column<string>(q.sql, q.params);
  const more = ids.length > maxResults;
  return more ? { ids: ids.slice(0, maxResults), next: encodePageToken(offset + maxResults) } : { ids };
}

export interface SearchRunsInput {
  experimentIds: string[];
  filter?: string;
  orderBy: string[];
  viewType?: ViewType;
  maxResults?: number;
  pageToken?: string;
}

const PARSED_KEPT = 64;
const parsedSearches = new Map<string, { clauses: FilterTerm[]; orderBy: OrderByClause[] }>();

/**
 * The parsed filter and order_by of a run search, kept by their text for the searches asked
 * most recently (a client polling or paging repeats them; parsing costs more than answering
 * from the read model). Invalid ones throw and are not kept. The parse is never modified.
 */
function parsedRunsSearch(filter: string | undefined, orderBy: string[]): { clauses: FilterTerm[]; orderBy: OrderByClause[] } {
  const key = JSON.stringify([filter ?? '', orderBy]);
  let parsed = parsedSearches.get(key);
  if (parsed) {
    parsedSearches.delete(key); // most recently used last
  } else {
    parsed = { clauses: unwrapSearch(parseRunsFilter(filter)), orderBy: unwrapSearch(parseOrderBy(orderBy, 'runs')) };
    if (parsedSearches.size >= PARSED_KEPT) parsedSearches.delete(parsedSearches.keys().next().value!);
  }
  parsedSearches.set(key, parsed);
  return parsed;
}

/** A page of search_runs: the runs from the read model, or only their ids when SQL answered. */
type RunsPage = { records: RunRecord[]; ids?: undefined; next?: string } | { ids: string[]; records?: undefined; next?: string };

/** What a search_runs page asks: the read model's query, and the SQL path's page for when the model cannot answer. */
interface RunsPageQuery {
  maxResults: number;
  offset: number;
  model: ModelSearch;
  fromSql: () => RunsPage;
}

function runsPageQuery(ctx: ServiceContext, input: SearchRunsInput): RunsPageQuery {
  const maxResults = checkMaxResults(input.maxResults ?? 1000, LIMITS.searchRuns);
  const { clauses, orderBy } = parsedRunsSearch(input.filter, input.orderBy);
  const offset = decodePageToken(input.pageToken);
  const scope = { experimentIds: input.experimentIds, clauses, orderBy, viewType: input.viewType };
  return {
    maxResults,
    offset,
    model: { ...scope, offset, limit: maxResults + 1 },
    fromSql: () => pageOfIds(ctx, (limit, off) => compileRunsQuery({ ...scope, limit, offset: off }), maxResults, input.pageToken),
  };
}

/** The read model's answer as a page (one more record than the page asked tells there is a next). */
function modelPage(q: RunsPageQuery, records: RunRecord[]): RunsPage {
  return records.length > q.maxResults ? { records: records.slice(0, q.maxResults), next: encodePageToken(q.offset + q.maxResults) } : { records };
}

/**
 * Answers from the runs read model when it is ready and covers the filter and order; from
 * the SQL id query otherwise (while the model is built in steps on a large store, or for a
 * filter it does not cover). Both give the same runs in the same order.
 */
function searchRunsPage(ctx: ServiceContext, input: SearchRunsInput): RunsPage {
  const q = runsPageQuery(ctx, input);
  const model = runsReadModelOf(ctx.store);
  if (!model.ready()) {
    model.noteSqlAnswer();
    return q.fromSql();
  }
  model.noteModelAnswer();
  const records = searchModel(model, q.model);
  return records ? modelPage(q, records) : q.fromSql();
}

/** searchRunsPage for a search of many runs: the read model's filter scan and sort in slices of a few ms (see searchModelSliced). */
async function searchRunsPageSliced(ctx: ServiceContext, input: SearchRunsInput): Promise<RunsPage> {
  const q = runsPageQuery(ctx, input);
  const model = runsReadModelOf(ctx.store);
  if (!model.ready()) {
    model.noteSqlAnswer();
    return q.fromSql();
  }
  model.noteModelAnswer();
  const records = await searchModelSliced(model, q.model, new Slicer());
  return records ? modelPage(q, records) : q.fromSql();
}

/** bounded for work that ends later. */
async function boundedLater<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    return bounded(() => {
      throw err;
    });
  }
}

/** search_runs; the filter may also use Sextant's OR, NOT and parentheses (see parseRunsFilter). */
export function searchRuns(ctx: ServiceContext, input: SearchRunsInput): Page<Run> {
  return bounded(() => {
    const p = searchRunsPage(ctx, input);
    const items = p.records ? p.records.map(runOf) : toRuns(ctx.store.db, runRows(ctx, p.ids));
    return { items, nextPageToken: p.next };
  });
}

/**
 * search_runs as the REST answer's JSON text (MLflow's wire format), assembled from the runs'
 * cached texts: what `stringifyMlflowJson` makes of searchRuns's page, byte for byte.
 */
export function searchRunsJson(ctx: ServiceContext, input: SearchRunsInput): string {
  return searchRunsJsonBytes(ctx, input).toString('utf8');
}

/**
 * searchRunsJson as UTF-8 bytes: the runs' cached UTF-8 texts copied into one buffer (what the
 * route sends), which `alloc` gives when the answer has runs.
 */
export function searchRunsJsonBytes(ctx: ServiceContext, input: SearchRunsInput, alloc?: (size: number) => Buffer): Buffer {
  return bounded(() => pageBytes(ctx, searchRunsPage(ctx, input), alloc));
}

function pageBytes(ctx: ServiceContext, p: RunsPage, alloc?: (size: number) => Buffer): Buffer {
  const model = runsReadModelOf(ctx.store);
  const texts = p.records ? p.records.map((r) => model.texts.bytesOf(r)) : recordsFromSql(ctx, p.ids).map((r) => Buffer.from(runJson(r), 'utf8'));
  return runsPageBytes(texts, p.next, alloc);
}

/** Missing run texts a page makes at once; more are made in slices of about 4 ms (a text takes 0.02–0.2 ms). */
const TEXTS_AT_ONCE = 25;
/** Texts made between two looks at the clock. */
const TEXTS_PER_CHECK = 8;

/**
 * searchRunsJsonBytes for the route, with the event loop free in between: the search waits for
 * the read model's stepped build (after open, or a rebuild) and for it to catch up with a bulk
 * of touched runs (read again in steps) instead of answering from SQL (which it does only when
 * that work failed), and when more than a few hundred of the page's runs have no text cached
 * yet (a first search of many runs) they are made a few hundred per turn. The page is the one
 * found when the search ran, its runs' texts those of that moment. A search of more than a few
 * thousand runs is answered in slices (the filter scan and the sort; searchModelSliced).
 * Synchronous (no promise) when none of these happens, so the caller's measure of the work sees
 * all of it.
 */
export function searchRunsJsonBytesCurrent(ctx: ServiceContext, input: SearchRunsInput, alloc?: (size: number) => Buffer, textSlicer?: Slicer): Buffer | Promise<Buffer> {
  const model = runsReadModelOf(ctx.store);
  if (model.shouldWait()) return model.caughtUp().then(() => searchRunsJsonBytesCurrent(ctx, input, alloc, textSlicer));
  if (model.state === 'ready' && model.runCount(input.experimentIds) > SLICED_MIN_RUNS) {
    return boundedLater(() => searchRunsPageSliced(ctx, input)).then((p) => pageBytesInTurns(ctx, p, alloc, textSlicer));
  }
  return pageBytesInTurns(ctx, bounded(() => searchRunsPage(ctx, input)), alloc, textSlicer);
}

/** The page's bytes, its runs' missing texts made in slices of a few ms when there are more than a few. */
function pageBytesInTurns(ctx: ServiceContext, p: RunsPage, alloc?: (size: number) => Buffer, slicer: Slicer = new Slicer({ checkEvery: TEXTS_PER_CHECK })): Buffer | Promise<Buffer> {
  const model = runsReadModelOf(ctx.store);
  const missing = p.records ? p.records.filter((r) => r.json === undefined) : [];
  if (missing.length <= TEXTS_AT_ONCE) return bounded(() => pageBytes(ctx, p, alloc));
  return (async () => {
    for (let i = 0; i < missing.length; i++) {
      if (i > 0 && i % slicer.checkEvery === 0 && slicer.due()) await slicer.next();
      model.texts.bytesOf(missing[i]!);
    }
    return bounded(() => pageBytes(ctx, p, alloc));
  })();
}

/** The runs of ids read from SQL, in the ids' order. */
function recordsFromSql(ctx: ServiceContext, ids: string[]): RunRecord[] {
  const byId = new Map<string, RunRecord>();
  const interner = new KeyInterner(0);
  for (const chunk of chunks(ids, 500)) for (const r of loadRunRecords(ctx.store.db, runsById(chunk), interner)) byId.set(r.id, r);
  return ids.map((id) => byId.get(id)!);
}

/** Run rows for ids, in the ids' order. */
function runRows(ctx: ServiceContext, ids: string[]): RunRow[] {
  const byId = new Map<string, RunRow>();
  for (const chunk of chunks(ids, 500)) {
    for (const r of ctx.store.db.all<RunRow>(`SELECT * FROM runs WHERE run_id IN (${chunk.map(() => '?').join(',')})`, chunk)) byId.set(r.run_id, r);
  }
  return ids.map((id) => byId.get(id)!);
}

export interface SearchExperimentsInput {
  filter?: string;
  orderBy: string[];
  viewType?: ViewType;
  maxResults?: number;
  pageToken?: string;
}

export function searchExperiments(ctx: ServiceContext, input: SearchExperimentsInput): Page<Experiment> {
  return bounded(() => {
    const maxResults = checkMaxResults(input.maxResults ?? 1000, LIMITS.searchExperiments);
    const clauses = unwrapSearch(parseFilter(input.filter, 'experiments'));
    const orderBy = unwrapSearch(parseOrderBy(input.orderBy, 'experiments'));
    const { ids, next } = pageOfIds(ctx, (limit, offset) => compileExperimentsQuery({ clauses, orderBy, viewType: input.viewType, limit, offset }), maxResults, input.pageToken);
    const db = ctx.store.db;
    return { items: ids.map((id) => toExperiment(db, findExperiment(db, id) as ExperimentRow)), nextPageToken: next };
  });
}

export interface SearchLoggedModelsInput {
  experimentIds: string[];
  filter?: string;
  orderBy: unknown[];
  datasets: LoggedModelDatasetFilter[];
  maxResults?: number;
  pageToken?: string;
}

export function searchLoggedModels(ctx: ServiceContext, input: SearchLoggedModelsInput): Page<LoggedModel> {
  return bounded(() => {
    const maxResults = checkMaxResults(input.maxResults ?? 50, LIMITS.searchRuns);
    const clauses = unwrapSearch(parseFilter(input.filter, 'logged_models'));
    const orderBy = unwrapSearch(parseLoggedModelOrderBy(input.orderBy));
    const { ids, next } = pageOfIds(
      ctx,
      (limit, offset) => compileLoggedModelsQuery({ experimentIds: input.experimentIds, clauses, orderBy, datasets: input.datasets, limit, offset }),
      maxResults,
      input.pageToken,
    );
    const db = ctx.store.db;
    return { items: ids.map((id) => toLoggedModel(db, findLoggedModel(db, id)!)), nextPageToken: next };
  });
}
