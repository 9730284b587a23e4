import { describe, expect, it } from 'vitest';
import type { RemoteRow } from '../../../../electron/store/sync/sync-repo';
import { remoteAuth } from '../../../../electron/sync/remote-secrets';

const SECRET = 'hunter2-Sextant';
const row = (over: Partial<RemoteRow>): RemoteRow => ({ name: 'team', url: 'https://mlflow.example.com', authKind: 'basic', username: 'ana', secretEnv: '', createdTime: 1, lastSyncTime: null, lastSyncState: '', ...over });

const errorOf = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('did not throw');
};

describe("a remote's auth, from where its secret is kept", () => {
  it('reads a variable (handed first), a secret kept in the store or by the app, MLflow variables for a URL', () => {
    const env = { TEAM_PW: 'own', MLFLOW_TRACKING_TOKEN: 'mlflow-tok' };
    expect(remoteAuth(row({ secretEnv: 'TEAM_PW' }), { TEAM_PW: SECRET }, env)).toEqual({ kind: 'basic', username: 'ana', password: SECRET });
    expect(remoteAuth(row({ secretEnv: 'TEAM_PW' }), {}, env)).toEqual({ kind: 'basic', username: 'ana', password: 'own' });
    expect(remoteAuth(row({ authKind: 'bearer', username: '', secretEnv: 'sealed:v1:abc' }), {}, env, (n) => (n === 'team' ? SECRET : undefined))).toEqual({ kind: 'bearer', token: SECRET });
    expect(remoteAuth(row({}), {}, env, () => SECRET)).toEqual({ kind: 'basic', username: 'ana', password: SECRET });
    expect(remoteAuth(row({ name: 'https://x.example.com', url: 'https://x.example.com', authKind: 'none' }), {}, env)).toEqual({ kind: 'bearer', token: 'mlflow-tok' });
    expect(remoteAuth(row({ authKind: 'none' }), {}, env, () => SECRET)).toEqual({ kind: 'none' });
  });

  it('a variable set nowhere, or a kept secret this process cannot read, is one sentence naming where it was looked for', () => {
    expect(errorOf(() => remoteAuth(row({ secretEnv: 'TEAM_PW' }), {}, {}))).toMatch(/reads its password from \$TEAM_PW, which is set neither here nor/);
    expect(errorOf(() => remoteAuth(row({ secretEnv: 'TEAM_PW' }), {}, {}, () => SECRET))).toMatch(/TEAM_PW/); // a variable's remote never falls back to a kept secret
    expect(errorOf(() => remoteAuth(row({}), {}, {}))).toMatch(/kept by the desktop app, which only the app can use/);
    expect(errorOf(() => remoteAuth(row({}), {}, {}, () => undefined))).toMatch(/keeps no password for remote 'team' any more.*enter it again/);
    expect(errorOf(() => remoteAuth(row({ secretEnv: 'sealed:v1:abc' }), {}, {}))).toMatch(/sealed in the encrypted store/);
  });
});
