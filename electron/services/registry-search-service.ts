import type { ModelVersion, RegisteredModel } from '../../shared/domain/registry';
import { parseFilter, parseOrderBy, unwrapSearch } from '../../shared/search';
import { compileModelVersionsQuery, compileRegisteredModelsQuery } from '../store/registry/registry-search-sql';
import { requireModel, requireVersion, toModelVersion, toRegisteredModel } from '../store/registry/registry-repo';
import { bounded, checkMaxResults, type Page } from './search-service';
import { decodePageToken, encodePageToken } from './page-token';
import type { ServiceContext } from './service-context';

interface RegistrySearchInput {
  filter?: string;
  orderBy: string[];
  maxResults?: number;
  pageToken?: string;
}

function paged<R, T>(rows: (limit: number, offset: number) => R[], maxResults: number, pageToken: string | undefined, map: (r: R) => T): Page<T> {
  const offset = decodePageToken(pageToken);
  const got = rows(maxResults + 1, offset);
  const more = got.length > maxResults;
  return { items: got.slice(0, maxResults).map(map), ...(more ? { nextPageToken: encodePageToken(offset + maxResults) } : {}) };
}

export function searchRegisteredModels(ctx: ServiceContext, input: RegistrySearchInput): Page<RegisteredModel> {
  return bounded(() => {
    const maxResults = checkMaxResults(input.maxResults ?? 100, 1000);
    const clauses = unwrapSearch(parseFilter(input.filter, 'registered_models'));
    const orderBy = unwrapSearch(parseOrderBy(input.orderBy, 'registered_models'));
    const db = ctx.store.db;
    return paged((limit, offset) => {
      const q = compileRegisteredModelsQuery({ clauses, orderBy, limit, offset });
      return db.column<string>(q.sql, q.params);
    }, maxResults, input.pageToken, (name) => toRegisteredModel(db, requireModel(db, name)));
  });
}

export function searchModelVersions(ctx: ServiceContext, input: RegistrySearchInput): Page<ModelVersion> {
  return bounded(() => {
    const maxResults = checkMaxResults(input.maxResults ?? 10_000, 200_000);
    const clauses = unwrapSearch(parseFilter(input.filter, 'model_versions'));
    const orderBy = unwrapSearch(parseOrderBy(input.orderBy, 'model_versions'));
    const db = ctx.store.db;
    return paged((limit, offset) => {
      const q = compileModelVersionsQuery({ clauses, orderBy, limit, offset });
      return db.all<{ name: string; version: number }>(q.sql, q.params);
    }, maxResults, input.pageToken, (r) => toModelVersion(db, requireVersion(db, r.name, r.version)));
  });
}
