import type { ServiceContext } from '../../services/service-context';
import type { Handlers } from '../dispatch';
import { searchTable } from '../runs-table/search-table';

/** The runs table's columnar search (runs.searchTable). */
export function runsTableHandlers(svc: ServiceContext): Pick<Handlers, 'runs.searchTable'> {
  return { 'runs.searchTable': (input) => searchTable(svc, input) };
}
