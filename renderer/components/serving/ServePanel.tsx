import { useMemo, useState } from 'react';
import { useApp } from '../../app-context';
import { serversFor } from '../../state/serving-port';
import { useServers } from '../../state/serving-servers-store';
import { isLive } from '../../state/serving-types';
import { ErrorNote } from '../ErrorNote';
import { ServeStartForm } from './ServeStartForm';
import { ServerCard } from './ServerCard';
import './serving.css';

/**
 * Serving one model URI (a version, or an alias): start a scoring server, or the one running
 * (state, URL, Stop, log, request console); the last ended one stays shown until a new start.
 */
export function ServePanel({ modelUri }: { modelUri: string }) {
  const { api } = useApp();
  const [store] = useState(() => serversFor(api));
  const all = useServers(store, (s) => s.servers);
  const listError = useServers(store, (s) => s.error);
  const mine = useMemo(() => all.filter((s) => s.modelUri === modelUri), [all, modelUri]);
  const live = mine.filter(isLive);
  const lastEnded = live.length === 0 ? mine.at(-1) : undefined;
  return (
    <div className="serve-panel" data-testid="serve-panel" data-model-uri={modelUri}>
      {listError && <ErrorNote message={`Could not list the model servers: ${listError}`} />}
      {live.length === 0 && <ServeStartForm modelUri={modelUri} onStart={(input) => store.getState().start(input)} />}
      {live.map((server) => <ServerCard key={server.id} server={server} store={store} />)}
      {lastEnded && <ServerCard key={lastEnded.id} server={lastEnded} store={store} />}
    </div>
  );
}
