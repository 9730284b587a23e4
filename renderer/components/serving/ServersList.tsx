import { useMemo, useState } from 'react';
import { useApp } from '../../app-context';
import { servesModel } from '../../state/serving-console';
import { serversFor } from '../../state/serving-port';
import { useServers } from '../../state/serving-servers-store';
import { isLive, type ServerView } from '../../state/serving-types';
import { When } from '../When';
import { resolvedLabel, STATE_LABEL } from './server-labels';
import './serving.css';

interface Props {
  /** A registered model's name: only its versions' and aliases' servers. */
  modelName: string;
  /** Opens a server's console (the version page, or the alias dialog). */
  onOpen(server: ServerView): void;
}

/** The model's scoring servers, live ones first: state, URI, address, Stop. */
export function ServersList({ modelName, onOpen }: Props) {
  const { api } = useApp();
  const [store] = useState(() => serversFor(api));
  const all = useServers(store, (s) => s.servers);
  const [error, setError] = useState<string | null>(null);
  const shown = useMemo(() => {
    const mine = all.filter((s) => servesModel(s.modelUri, modelName));
    const live = mine.filter(isLive);
    // ended ones: the latest few, newest first
    return [...live, ...mine.filter((s) => !isLive(s)).reverse().slice(0, 5)];
  }, [all, modelName]);
  if (shown.length === 0) {
    return <p className="muted" data-testid="model-servers-empty">No server runs this model. Serve a version from its page, or an alias with its ▶ button.</p>;
  }
  const stop = (id: string) => store.getState().stop(id).then(() => setError(null), (e: Error) => setError(e.message));
  return (
    <>
      <table className="reg-table servers-table" data-testid="model-servers">
        <thead>
          <tr><th>State</th><th>Model</th><th>Address</th><th>Started</th><th aria-label="Actions" /></tr>
        </thead>
        <tbody>
          {shown.map((s) => (
            <tr key={s.id} data-testid="model-server-row" data-state={s.state}>
              <td><span className={`server-state state-${s.state}`}>{STATE_LABEL[s.state]}</span></td>
              <td className="mono">
                <button type="button" className="link-btn server-open" onClick={() => onOpen(s)} title="Open its log and request console">{s.modelUri}</button>
                {resolvedLabel(s) && <span className="sub"> ({resolvedLabel(s)})</span>}
              </td>
              <td className="mono">{isLive(s) ? s.url : <span className="muted">{s.url}</span>}</td>
              <td><When ms={s.startedAt} /></td>
              <td className="actions">{isLive(s) && <button type="button" onClick={() => void stop(s.id)} data-testid="model-server-stop">Stop</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && <p className="error-note" role="alert">{error}</p>}
    </>
  );
}
