import type { ServiceContext } from '../../services/service-context';
import type { Handlers } from '../dispatch';
import { keyValues } from '../runs-table/key-values';
import { searchTable, searchTableValues } from '../runs-table/search-table';

/** The runs table's columnar search (runs.searchTable), its missing columns (runs.searchTableValues) and the filter bar's values (runs.keyValues). */
export function runsTableHandlers(svc: ServiceContext): Pick<Handlers, 'runs.searchTable' | 'runs.searchTableValues' | 'runs.keyValues'> {
  return {
    'runs.searchTable': (input) => searchTable(svc, input),
    'runs.searchTableValues': (input) => searchTableValues(svc, input),
    'runs.keyValues': (input) => keyValues(svc, input),
  };
}
