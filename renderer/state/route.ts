/** Where the UI is. Kept in the URL hash, so reload, back and forward work. */
export type Route =
  | { page: 'home' }
  | { page: 'experiment'; experimentId: string }
  | { page: 'run'; runId: string }
  | { page: 'compare'; runIds: string[] };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'experiments' && parts[1]) return { page: 'experiment', experimentId: parts[1] };
  if (parts[0] === 'runs' && parts[1]) return { page: 'run', runId: parts[1] };
  if (parts[0] === 'compare' && parts[1]) return { page: 'compare', runIds: parts[1].split(',').filter(Boolean) };
  return { page: 'home' };
}

export function formatRoute(route: Route): string {
  switch (route.page) {
    case 'home':
      return '#/';
    case 'experiment':
      return `#/experiments/${encodeURIComponent(route.experimentId)}`;
    case 'run':
      return `#/runs/${encodeURIComponent(route.runId)}`;
    case 'compare':
      return `#/compare/${route.runIds.map(encodeURIComponent).join(',')}`;
  }
}
