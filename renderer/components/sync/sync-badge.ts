import type { RunRemoteState, RunSyncState } from '../../../shared/ipc/sync-types';

export interface BadgeInfo {
  state: RunSyncState;
  icon: string;
  label: string;
  /** Every remote's state, one per line. */
  title: string;
}

const LABEL: Record<RunSyncState, string> = { local: 'local only', pushed: 'pushed', changed: 'changed since push', pulled: 'pulled' };
const ICON: Record<RunSyncState, string> = { local: '○', pushed: '●', changed: '◐', pulled: '↓' };
/** Which state speaks for a run synced with several remotes: what needs attention first. */
const RANK: Record<RunSyncState, number> = { changed: 3, pulled: 2, pushed: 1, local: 0 };

const describe = (s: RunRemoteState) => (s.state === 'pulled' ? `pulled from ${s.remote}` : s.state === 'local' ? `not on ${s.remote}` : `${LABEL[s.state]} to ${s.remote}`);

/** One badge for a run's states across remotes; null when there are no remotes. */
export function badgeFor(states: RunRemoteState[] | undefined): BadgeInfo | null {
  if (!states?.length) return null;
  const top = states.reduce((a, b) => (RANK[b.state] > RANK[a.state] ? b : a));
  const label = top.state === 'local' ? LABEL.local : top.state === 'pulled' ? `pulled from ${top.remote}` : states.length > 1 ? `${LABEL[top.state]} (${top.remote})` : LABEL[top.state];
  return { state: top.state, icon: ICON[top.state], label, title: states.map(describe).join('\n') };
}
