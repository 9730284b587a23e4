import { useState } from 'react';
import { useServers, type ServersStore } from '../../state/serving-servers-store';
import { EMPTY_LOG } from '../../state/project-log-buffer';
import { isLive, type ServerView } from '../../state/serving-types';
import { LogView } from '../projects/LogView';
import { When } from '../When';
import { RequestConsole } from './RequestConsole';
import { resolvedLabel, STATE_LABEL } from './server-labels';

/** One scoring server: state, address, Stop, its live log and (for a live one) the request console. */
export function ServerCard({ server, store }: { server: ServerView; store: ServersStore }) {
  const log = useServers(store, (s) => s.logs[server.id] ?? EMPTY_LOG);
  const [stopping, setStopping] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const live = isLive(server);
  const stop = () => {
    setStopping(true);
    store.getState().stop(server.id).then(
      () => (setStopping(false), setError(null)),
      (e: Error) => (setStopping(false), setError(e.message)),
    );
  };
  const copy = () => void navigator.clipboard?.writeText(server.url).then(() => (setCopied(true), setTimeout(() => setCopied(false), 1500)), () => undefined);
  const resolved = resolvedLabel(server);
  return (
    <div className={`server-card state-${server.state}`} data-testid="server-card" data-state={server.state} data-port={server.port}>
      <div className="server-head">
        <span className={`server-state state-${server.state}`} data-testid="server-state">{STATE_LABEL[server.state]}</span>
        <code className="server-url" data-testid="server-url">{server.url}</code>
        {live && <button type="button" className="link-btn" onClick={copy}>{copied ? 'Copied' : 'Copy URL'}</button>}
        <span className="server-facts muted">
          port {server.port}
          {resolved && ` · ${resolved}`} · started <When ms={server.startedAt} />
          {server.endedAt ? <> · ended <When ms={server.endedAt} /></> : null}
        </span>
        {live && (
          <button type="button" onClick={stop} disabled={stopping} data-testid="server-stop">
            {stopping ? 'Stopping…' : 'Stop'}
          </button>
        )}
      </div>
      {server.error && <p className="error-note" role="alert" data-testid="server-error">{server.error}</p>}
      {error && <p className="error-note" role="alert">{error}</p>}
      {live && <RequestConsole serverId={server.id} modelUri={server.modelUri} ready={server.state === 'ready'} />}
      <details className="server-log" open={!live || server.state === 'starting' ? true : undefined}>
        <summary>Server log</summary>
        <LogView log={log} testId="server-log" label="The scoring server's output" empty={live ? 'Waiting for output…' : 'No output.'} />
      </details>
    </div>
  );
}
