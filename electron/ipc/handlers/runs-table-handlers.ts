import type { ServiceContext } from '../../services/service-context';
import { runsReadModelOf } from '../../store/read-model/store-read-model';
import type { Handlers } from '../dispatch';
import { keyValues } from '../runs-table/key-values';
import { searchTable, searchTableValues } from '../runs-table/search-table';

/**
 * The runs table's columnar search (runs.searchTable), its missing columns (runs.searchTableValues)
 * and the filter bar's values (runs.keyValues). Each waits, as runs/search does, while the runs
 * read model is built in steps or reads many touched runs again, instead of answering from SQL.
 */
export function runsTableHandlers(svc: ServiceContext): Pick<Handlers, 'runs.searchTable' | 'runs.searchTableValues' | 'runs.keyValues'> {
  const afterModel = async <T>(answer: () => T): Promise<T> => {
    const model = runsReadModelOf(svc.store);
    if (model.shouldWait()) await model.caughtUp();
    return answer();
  };
  return {
    'runs.searchTable': (input) => afterModel(() => searchTable(svc, input)),
    'runs.searchTableValues': (input) => afterModel(() => searchTableValues(svc, input)),
    'runs.keyValues': (input) => afterModel(() => keyValues(svc, input)),
  };
}
