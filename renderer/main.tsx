import { createRoot } from 'react-dom/client';
import { bootClient } from './api/boot';
import { App } from './App';
import { AppContext } from './app-context';
import { createAppInfoStore } from './state/app-info-store';
import { createExperimentsStore } from './state/experiments-store';
import { createJobsStore } from './state/jobs-store';
import { createRemotesStore } from './state/remotes-store';
import { createRouteStore } from './state/route-store';
import './styles.css';

// bootClient settles the token (a fragment token is checked, a hand-off code exchanged) first;
// the route store is made after it, once the fragment is gone from the address bar.
void bootClient(window).then((api) => {
  const value = { api, route: createRouteStore(window), experiments: createExperimentsStore(api), appInfo: createAppInfoStore(api), jobs: createJobsStore(api), remotes: createRemotesStore(api) };
  createRoot(document.getElementById('root')!).render(
    <AppContext.Provider value={value}>
      <App />
    </AppContext.Provider>,
  );
});
