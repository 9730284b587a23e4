import * as search from '../../services/search-service';
import type { ServiceContext } from '../../services/service-context';
import { ReusableBuffers } from '../../store/read-model/reusable-buffers';
import { JsonStream } from '../json-body';
import { asMessage, optArray, optEnum, optInt, optString, optStringArray, reqString } from '../request-fields';
import type { Routes } from '../router';

const VIEW_TYPES = ['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL'] as const;

/** Buffers of runs/search answers, used again (a megabyte per answer would otherwise be allocated for each). */
const answerBuffers = new ReusableBuffers();

const page = <K extends string, T>(key: K, p: search.Page<T>) => ({
  ...(p.items.length ? { [key]: p.items } : {}),
  ...(p.nextPageToken ? { next_page_token: p.nextPageToken } : {}),
});

export function searchRoutes(routes: Routes, ctx: ServiceContext): void {
  // Assembled from the runs' cached UTF-8 texts (the read model) into one buffer, neither
  // serialised nor encoded per request, and sent as one piece (JsonText carries only strings).
  // The buffer is used again once the answer is handed to the operating system.
  // A search that finds the read model being built, or catching up with many written runs, waits for it.
  routes.mlflow('POST', '/runs/search', (m, rc) => {
    const send = (answer: Buffer) => {
      rc.res.once('finish', () => answerBuffers.give(answer));
      return new JsonStream([answer]);
    };
    const answer = search.searchRunsJsonBytesCurrent(ctx, {
      experimentIds: optStringArray(m, 'experiment_ids'), filter: optString(m, 'filter'), orderBy: optStringArray(m, 'order_by'),
      viewType: optEnum(m, 'run_view_type', VIEW_TYPES), maxResults: optInt(m, 'max_results'), pageToken: optString(m, 'page_token'),
    }, answerBuffers.take);
    return answer instanceof Promise ? answer.then(send) : send(answer);
  });
  routes.mlflow(['GET', 'POST'], '/experiments/search', (m) =>
    page('experiments', search.searchExperiments(ctx, {
      filter: optString(m, 'filter'), orderBy: optStringArray(m, 'order_by'), viewType: optEnum(m, 'view_type', VIEW_TYPES),
      maxResults: optInt(m, 'max_results'), pageToken: optString(m, 'page_token'),
    })),
  );
  routes.mlflow('POST', '/logged-models/search', (m) =>
    page('models', search.searchLoggedModels(ctx, {
      experimentIds: optStringArray(m, 'experiment_ids'), filter: optString(m, 'filter'), orderBy: optArray(m, 'order_by'),
      datasets: optArray(m, 'datasets').map((d) => {
        const dm = asMessage(d);
        return { datasetName: reqString(dm, 'dataset_name'), datasetDigest: optString(dm, 'dataset_digest') };
      }),
      maxResults: optInt(m, 'max_results'), pageToken: optString(m, 'page_token'),
    })),
  );
}
