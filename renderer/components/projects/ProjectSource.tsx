import { useState } from 'react';
import { useApp } from '../../app-context';
import type { RecentProject } from '../../state/project-types';
import { useTransfer } from '../transfer/transfer-context';
import { When } from '../When';

interface Props {
  uri: string;
  version: string;
  recent: readonly RecentProject[];
  /** Whether a project is open (the recent list folds away then). */
  opened: boolean;
  busy: boolean;
  onUri(uri: string): void;
  onVersion(version: string): void;
  onOpen(uri?: string): void;
}

/** Where the project is: a folder or git repository typed (or picked in the desktop app), a commit or branch, or a recent one. */
export function ProjectSource({ uri, version, recent, opened, busy, onUri, onVersion, onOpen }: Props) {
  const { api } = useApp();
  const { nativePicker } = useTransfer();
  const [pickError, setPickError] = useState<string | null>(null);
  const pick = () => {
    setPickError(null);
    api.call('app.pickPath', { purpose: 'project-folder' }).then(
      ({ path }) => path !== null && (onUri(path), onOpen(path)),
      (e: Error) => setPickError(e.message),
    );
  };
  return (
    <div className="project-source">
      <label htmlFor="project-uri" className="project-label">
        Project{' '}
        {!nativePicker && <span className="project-label-note">a folder or git repository on the machine running Sextant (its full path)</span>}
      </label>
      <div className="project-source-row">
        <input
          id="project-uri"
          type="text"
          spellCheck={false}
          autoComplete="off"
          autoFocus={!opened}
          value={uri}
          placeholder="/path/to/project, a git repository, or file:///repo#subfolder"
          onChange={(e) => onUri(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              onOpen();
            }
          }}
          data-testid="project-uri"
        />
        {nativePicker && (
          <button type="button" onClick={pick} disabled={busy} data-testid="project-browse">Browse…</button>
        )}
        <button type="button" onClick={() => onOpen()} disabled={busy || !uri.trim()} data-testid="project-open">
          {busy ? 'Reading…' : opened ? 'Reload' : 'Open'}
        </button>
      </div>
      <div className="project-version-row">
        <label htmlFor="project-version">Git commit or branch</label>
        <input
          id="project-version"
          type="text"
          spellCheck={false}
          autoComplete="off"
          value={version}
          placeholder="optional: the working tree as it is"
          onChange={(e) => onVersion(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), onOpen())}
          data-testid="project-version"
        />
      </div>
      {pickError && <p className="error-note" role="alert">{pickError}</p>}
      {!opened && recent.length > 0 && (
        <div className="project-recent" data-testid="project-recent">
          <span className="project-label">Recent</span>
          <ul>
            {recent.slice(0, 6).map((r) => (
              <li key={r.uri}>
                <button type="button" onClick={() => (onUri(r.uri), onOpen(r.uri))} disabled={busy} title={r.uri} data-testid="project-recent-item">
                  <strong>{r.name ?? r.uri.split(/[\\/]/).filter(Boolean).at(-1) ?? r.uri}</strong>
                  <span className="project-recent-uri">{r.uri}</span>
                  <span className="project-recent-when muted"><When ms={r.lastRunAt} /></span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
