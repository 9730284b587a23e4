import { decodeRunsView, encodeRunsView, type RunsViewLink } from './runs-view-url';

/** Where the UI is. Kept in the URL hash, so reload, back and forward work. */
export type Route =
  | { page: 'home' }
  /** `view`: the runs view a link carries (`#/experiments/1?q=…&sort=…`), over the saved one. */
  | { page: 'experiment'; experimentId: string; view?: RunsViewLink }
  | { page: 'run'; runId: string }
  | { page: 'compare'; runIds: string[] }
  | { page: 'models' }
  | { page: 'remotes' }
  /** Store settings: path, size, encryption; encrypt, decrypt, change key. */
  | { page: 'store' }
  | { page: 'model'; name: string }
  | { page: 'version'; name: string; version: string }
  | { page: 'compareVersions'; name: string; versions: string[] }
  | { page: 'loggedModel'; modelId: string };

/** A segment decoded, or kept as it is when its escapes are malformed (`%E0%A4%A`). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const q = path.indexOf('?');
  const parts = (q < 0 ? path : path.slice(0, q)).split('/').filter(Boolean).map(decodeSegment);
  const view = q < 0 ? null : decodeRunsView(path.slice(q + 1));
  // the links MLflow clients print after a run: #/experiments/<id>/runs/<run id>
  if (parts[0] === 'experiments' && parts[2] === 'runs' && parts[3]) return { page: 'run', runId: parts[3] };
  if (parts[0] === 'experiments' && parts[1]) return { page: 'experiment', experimentId: parts[1], ...(view ? { view } : {}) };
  if (parts[0] === 'runs' && parts[1]) return { page: 'run', runId: parts[1] };
  if (parts[0] === 'compare' && parts[1]) return { page: 'compare', runIds: parts[1].split(',').filter(Boolean) };
  if (parts[0] === 'models' && parts[1] && parts[2] === 'versions' && parts[3]) return { page: 'version', name: parts[1], version: parts[3] };
  if (parts[0] === 'models' && parts[1] && parts[2] === 'compare' && parts[3]) return { page: 'compareVersions', name: parts[1], versions: parts[3].split(',').filter(Boolean) };
  if (parts[0] === 'models' && parts[1]) return { page: 'model', name: parts[1] };
  if (parts[0] === 'models') return { page: 'models' };
  if (parts[0] === 'remotes') return { page: 'remotes' };
  if (parts[0] === 'store') return { page: 'store' };
  if (parts[0] === 'logged-models' && parts[1]) return { page: 'loggedModel', modelId: parts[1] };
  return { page: 'home' };
}

export function formatRoute(route: Route): string {
  switch (route.page) {
    case 'home':
      return '#/';
    case 'experiment':
      return `#/experiments/${encodeURIComponent(route.experimentId)}${route.view ? `?${encodeRunsView(route.view)}` : ''}`;
    case 'run':
      return `#/runs/${encodeURIComponent(route.runId)}`;
    case 'compare':
      return `#/compare/${route.runIds.map(encodeURIComponent).join(',')}`;
    case 'models':
      return '#/models';
    case 'remotes':
      return '#/remotes';
    case 'store':
      return '#/store';
    case 'model':
      return `#/models/${encodeURIComponent(route.name)}`;
    case 'version':
      return `#/models/${encodeURIComponent(route.name)}/versions/${encodeURIComponent(route.version)}`;
    case 'compareVersions':
      return `#/models/${encodeURIComponent(route.name)}/compare/${route.versions.map(encodeURIComponent).join(',')}`;
    case 'loggedModel':
      return `#/logged-models/${encodeURIComponent(route.modelId)}`;
  }
}
