import { useState } from 'react';
import type { Input } from '../../../shared/ipc/contract';
import { useApp } from '../../app-context';
import { useRemotes } from '../../state/remotes-store';
import { Popover } from '../runs-table/Popover';
import './sync.css';

type What = Pick<Input<'jobs.start'>, 'experiments' | 'runIds' | 'models'>;

interface Props {
  what: What;
  /** Says what will be sent when it is more than what was picked (the runs the selected ones are nested under). */
  note?: string;
  pull?: boolean;
  testId?: string;
}

/** "Sync…": choose a remote, then push (or pull); progress shows in the panel. */
export function SyncActions({ what, note, pull = true, testId = 'sync' }: Props) {
  const { remotes, jobs } = useApp();
  const list = useRemotes(remotes, (s) => s.remotes);
  const [chosen, setChosen] = useState<string>('');
  const remote = list.some((r) => r.name === chosen) ? chosen : (list[0]?.name ?? '');
  const start = (kind: 'push' | 'pull', close: () => void) => {
    void jobs.getState().start({ kind, remote, ...what });
    close();
  };
  return (
    <Popover label="Sync…" title="Push to or pull from a remote MLflow server" testId={testId}>
      {(close) =>
        list.length === 0 ? (
          <p className="sync-note">
            No remotes yet. <a href="#/remotes" onClick={close}>Add one on the Remotes page</a>.
          </p>
        ) : (
          <div className="sync-actions">
            <label className="row">
              Remote
              <select value={remote} onChange={(e) => setChosen(e.target.value)} data-testid={`${testId}-remote`}>
                {list.map((r) => (
                  <option key={r.name} value={r.name}>{r.name} ({r.url})</option>
                ))}
              </select>
            </label>
            {note && <p className="sync-note muted">{note}</p>}
            <div className="row">
              <button type="button" className="primary" onClick={() => start('push', close)} data-testid={`${testId}-push`}>Push</button>
              {pull && <button type="button" onClick={() => start('pull', close)} data-testid={`${testId}-pull`}>Pull</button>}
            </div>
          </div>
        )
      }
    </Popover>
  );
}
