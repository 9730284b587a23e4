import type { RecentProject } from '../../state/project-types';
import { PathField } from '../PathField';
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
  return (
    <div className="project-source">
      <PathField
        label="Project"
        value={uri}
        onChange={onUri}
        onPicked={onOpen}
        onEnter={onOpen}
        pickers={[{ purpose: 'project-folder', label: 'Browse…', testId: 'project-browse' }]}
        placeholder="/path/to/project, a git repository, or file:///repo#subfolder"
        testId="project-uri"
        typedHint="A folder or git repository on the machine running Sextant: type its full path."
        busy={busy}
        autoFocus={!opened}
      >
        <button type="button" onClick={() => onOpen()} disabled={busy || !uri.trim()} data-testid="project-open">
          {busy ? 'Reading…' : opened ? 'Reload' : 'Open'}
        </button>
      </PathField>
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
