import type { RunRemoteState } from '../../../shared/ipc/sync-types';
import { badgeFor } from './sync-badge';
import './sync.css';

/** The run page's sync line: a badge per remote and "Open on remote" where the remote has the run. */
export function RunSyncLine({ states }: { states: RunRemoteState[] | undefined }) {
  if (!states?.length) return null;
  return (
    <div className="run-sync" data-testid="run-sync">
      {states.map((s) => {
        const b = badgeFor([s])!;
        return (
          <span key={s.remote} className="run-sync-remote">
            <span className={`sync-badge sync-${s.state}`} data-testid="sync-badge" data-state={s.state} title={b.title}>
              {b.icon} {s.state === 'pulled' ? `pulled from ${s.remote}` : `${b.label} · ${s.remote}`}
            </span>{' '}
            {s.remoteUrl && (
              <a href={s.remoteUrl} target="_blank" rel="noreferrer noopener" data-testid="open-on-remote">
                Open on {s.remote} ↗
              </a>
            )}
          </span>
        );
      })}
    </div>
  );
}

/** The runs table's icon by a run's name: its sync state across remotes, spelled out on hover. */
export function SyncIcon({ states }: { states: RunRemoteState[] | undefined }) {
  const b = badgeFor(states);
  if (!b) return null;
  return (
    <span className={`sync-icon sync-${b.state}`} title={`${b.label}\n${b.title}`} aria-label={b.label} data-testid="sync-icon" data-state={b.state}>
      {b.icon}
    </span>
  );
}
