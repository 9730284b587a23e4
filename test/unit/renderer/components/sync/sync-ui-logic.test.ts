import { describe, expect, it } from 'vitest';
import type { JobView, RemoteView } from '../../../../../shared/ipc/sync-types';
import { summarizeJob } from '../../../../../renderer/components/sync/job-summary';
import { saveInput, testInput, emptyForm, formFromRemote } from '../../../../../renderer/components/sync/remote-form';
import { badgeFor } from '../../../../../renderer/components/sync/sync-badge';

const job = (over: Partial<JobView>): JobView => ({ id: 'j', kind: 'push', title: 'Push to team: x', state: 'running', startedAt: 0, progress: { itemsDone: 0, bytesDone: 0 }, lines: [], ...over });

describe('summarizeJob', () => {
  it('says a down remote once, calmly, with no problem list', () => {
    const s = summarizeJob(job({ state: 'failed', outcome: { summary: 'push to team: the remote cannot be reached', problems: [{ item: 'http://h', message: 'connect ECONNREFUSED' }] } }));
    expect(s).toMatchObject({ tone: 'offline', problems: [] });
    expect(s.line).toMatch(/cannot be reached right now/);
  });
  it('shows retries as waiting, and other failures with the item each belongs to', () => {
    expect(summarizeJob(job({ lines: ['retrying GET /version in 2.1 s (attempt 2: connect ECONNREFUSED)'] })).line).toBe('Waiting for the remote (attempt 2, next try in 2.1 s): connect ECONNREFUSED');
    const failed = summarizeJob(job({ state: 'failed', outcome: { summary: 'push to team: 1 conflict', problems: [{ item: 'run trial-3', message: 'param lr differs' }] } }));
    expect(failed).toEqual({ tone: 'error', line: 'push to team: 1 conflict', problems: [{ item: 'run trial-3', message: 'param lr differs' }] });
  });
});

describe('badgeFor', () => {
  it('is absent without remotes and speaks for the state needing attention first', () => {
    expect(badgeFor([])).toBeNull();
    expect(badgeFor([{ remote: 'a', state: 'local' }])?.label).toBe('local only');
    const b = badgeFor([{ remote: 'a', state: 'pushed' }, { remote: 'b', state: 'changed' }]);
    expect(b).toMatchObject({ state: 'changed', label: 'changed since push (b)', title: 'pushed to a\nchanged since push to b' });
    expect(badgeFor([{ remote: 'team', state: 'pulled' }])?.label).toBe('pulled from team');
  });
});

describe('remote form', () => {
  const kept: RemoteView = { name: 'team', url: 'https://m.example.com', authKind: 'bearer', username: '', secret: { from: 'kept', present: true }, createdTime: 0, lastSyncTime: null, lastSyncState: '' };
  it('asks for what is missing, and sends a secret only as typed', () => {
    const v = { ...emptyForm(true), name: 'team', url: 'https://m.example.com', auth: 'bearer' as const };
    expect(saveInput(v, null)).toEqual({ error: 'Enter the token.' });
    expect(saveInput({ ...v, secret: 't0k' }, null)).toEqual({ input: { name: 'team', url: 'https://m.example.com', auth: { kind: 'bearer' }, secret: { from: 'kept', value: 't0k' } } });
    expect(saveInput({ ...v, secretFrom: 'env', envName: ' TEAM_TOKEN ' }, null)).toEqual({ input: { name: 'team', url: 'https://m.example.com', auth: { kind: 'bearer' }, secret: { from: 'env', name: 'TEAM_TOKEN' } } });
    expect(saveInput({ ...v, url: 'm.example.com' }, null)).toEqual({ error: 'The URL starts with http:// or https://.' });
  });
  it('edits a remote whose secret the app keeps without asking for it again, and tests with it', () => {
    const v = formFromRemote(kept, true);
    expect(saveInput(v, kept)).toEqual({ input: { name: 'team', url: 'https://m.example.com', auth: { kind: 'bearer' } } });
    expect(testInput(v, kept)).toEqual({ url: 'https://m.example.com', auth: { kind: 'bearer' }, name: 'team' });
    expect(formFromRemote(kept, false).secretFrom).toBe('env'); // a browser cannot keep secrets
  });
});
