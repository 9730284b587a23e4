import { describe, expect, it } from 'vitest';
import { describeRemoteAuth, maskedSecret, remoteListing, remoteListLine, SECRET_MASK } from '../../../../electron/secrets/masked-remote';
import { sealRemoteSecret } from '../../../../electron/secrets/sealed-remote-secret';
import { storeKeys } from '../../../../electron/store/crypto/store-keys';
import { KeyMaterial } from '../../../../electron/store/crypto/keys/key-material';
import type { RemoteRow } from '../../../../electron/store/sync/sync-repo';

const SECRET = 'tok-9Vq2-sextant';
const store = { id: 's1', keys: storeKeys(new KeyMaterial(Buffer.alloc(32, 3))) };
const row = (over: Partial<RemoteRow>): RemoteRow => ({ name: 'team', url: 'https://mlflow.example.com', authKind: 'bearer', username: '', secretEnv: '', createdTime: 1, lastSyncTime: null, lastSyncState: '', ...over });
const sealed = row({ secretEnv: sealRemoteSecret(store, 'team', SECRET) });

describe('remotes as listings show them', () => {
  it('says where each secret comes from with the secret masked', () => {
    const ctx = { storeEncrypted: true, appHas: (n: string) => n === 'team', env: { TEAM_PW: SECRET } };
    expect(describeRemoteAuth(row({ authKind: 'none' }), ctx)).toBe('no auth');
    expect(describeRemoteAuth(row({ name: 'https://x.example.com', url: 'https://x.example.com', authKind: 'none' }), ctx)).toBe('credentials from MLFLOW_TRACKING_* variables');
    expect(describeRemoteAuth(row({ authKind: 'basic', username: 'ana', secretEnv: 'TEAM_PW' }), ctx)).toBe(`basic auth as ana, password ${SECRET_MASK} from $TEAM_PW`);
    expect(describeRemoteAuth(row({ secretEnv: 'UNSET_TOKEN' }), ctx)).toBe(`bearer token, token ${SECRET_MASK} from $UNSET_TOKEN (not set here)`);
    expect(describeRemoteAuth(sealed, ctx)).toBe(`bearer token, token ${SECRET_MASK} sealed in the encrypted store`);
    expect(describeRemoteAuth(sealed, { storeEncrypted: false })).toBe('bearer token, token lost when the store was decrypted (enter it again)');
    expect(describeRemoteAuth(row({}), ctx)).toBe(`bearer token, token ${SECRET_MASK} kept by the desktop app (OS keychain)`);
    expect(describeRemoteAuth(row({ name: 'gone' }), ctx)).toBe('bearer token, token no longer kept by the app (enter it again)');
  });

  it("never shows the secret nor the sealed reference, in a line or in JSON", () => {
    const ctx = { storeEncrypted: true };
    const line = remoteListLine({ ...sealed, lastSyncTime: 1_700_000_000_000, lastSyncState: 'pushed 1 run' }, ctx);
    expect(line).toBe(`team\thttps://mlflow.example.com\tbearer token, token ${SECRET_MASK} sealed in the encrypted store\t2023-11-14T22:13:20.000Z pushed 1 run`);
    const json = JSON.stringify(remoteListing(sealed, ctx));
    expect(json).not.toContain(sealed.secretEnv.slice(10, 30));
    expect(json).not.toContain('secretEnv');
    expect(maskedSecret(sealed, ctx)).toEqual({ from: 'store', mask: SECRET_MASK, present: true });
  });
});
