// `sextant serve` on a store encrypted with a passphrase (needs `npm run build`): it starts locked
// and prints the browser URL; the MLflow API answers 503 TEMPORARILY_UNAVAILABLE in MLflow's format
// until a person unlocks the store with `store.unlock` over the authenticated browser-mode RPC.
// The passphrase travels only in that call's body: never in argv, the output or a URL.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RpcResult } from '../../shared/ipc/contract';
import { seedStore } from '../support/convert-fixture';
import { startSextant } from '../support/servers';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const PASSPHRASE = 'tundra-lantern-passphrase-5531';

describe('sextant serve on a passphrase store (built CLI)', () => {
  it('starts locked, answers 503 meanwhile, opens after store.unlock over HTTP', { timeout: 120_000 }, async () => {
    const dir = join(tempDir(), 'store');
    await seedStore(dir, { key: { kind: 'passphrase', passphrase: PASSPHRASE, scrypt: { N: 1024, r: 8, p: 1 } }, runs: 2, points: 20 });
    const serve = await startSextant({ dataDir: dir, env: { SEXTANT_KEY_FILE: undefined } });
    try {
      const out = serve.output();
      expect(out).toContain(`Sextant is serving the store ${dir}, locked: it is encrypted with a passphrase.`);
      const uiUrl = /Open the app in a browser: (\S+)/.exec(out)?.[1];
      expect(uiUrl).toMatch(new RegExp(`^${serve.url}/#token=[0-9a-f]{48}$`));
      const token = new URL(uiUrl!).hash.slice('#token='.length);
      const rpc = async (method: string, input: unknown) => {
        const res = await fetch(`${serve.url}/rpc/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(input) });
        return (await res.json()) as RpcResult;
      };
      const search = () => fetch(`${serve.url}/api/2.0/mlflow/runs/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ experiment_ids: ['1'], max_results: 10 }) });

      const locked = await search();
      expect(locked.status).toBe(503);
      expect(await locked.json()).toEqual({ error_code: 'TEMPORARILY_UNAVAILABLE', message: `store ${dir} is locked: unlock it in the browser, at the URL sextant serve printed` });
      expect(await rpc('store.status', {})).toMatchObject({ ok: true, value: { state: 'locked', encrypted: true, keyKind: 'passphrase', holder: 'serve' } });
      // without the UI token the contract is closed, locked or not
      const noToken = await fetch(`${serve.url}/rpc/store.unlock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ passphrase: PASSPHRASE }) });
      expect(noToken.status).toBe(401);

      expect(await rpc('store.unlock', { passphrase: 'wrong one' })).toEqual({ ok: false, error: { code: 'bad_input', message: `the passphrase does not open store ${dir}` } });
      expect(await rpc('store.unlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: true, value: { state: 'open', encrypted: true, keyKind: 'passphrase' } });

      const opened = await search();
      expect(opened.status).toBe(200);
      expect(((await opened.json()) as { runs: unknown[] }).runs).toHaveLength(2);
    } finally {
      await serve.stop({ keepData: true });
    }
    expect(serve.output()).toContain(`store ${dir} unlocked: serving it (encrypted)`);
    expect(serve.output()).not.toContain(PASSPHRASE);
    expect(serve.process.spawnargs.join(' ')).not.toContain(PASSPHRASE);
  });

  it('bound beyond loopback (--host 0.0.0.0): says at start that the passphrase is taken only from this machine, and takes it there', { timeout: 120_000 }, async () => {
    const dir = join(tempDir(), 'store');
    await seedStore(dir, { key: { kind: 'passphrase', passphrase: PASSPHRASE, scrypt: { N: 1024, r: 8, p: 1 } }, runs: 1, points: 5 });
    const serve = await startSextant({ dataDir: dir, env: { SEXTANT_KEY_FILE: undefined }, extraArgs: ['--host', '0.0.0.0'] });
    try {
      const out = serve.output();
      expect(out).toContain(`--host 0.0.0.0 takes connections from other machines, but the passphrase is not taken from them: unlock the store from this machine (${serve.url}), a passphrase is never sent over the network in clear`);
      const token = /#token=([0-9a-f]{48})/.exec(out)?.[1];
      const res = await fetch(`${serve.url}/rpc/store.unlock`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ passphrase: PASSPHRASE }) });
      expect(await res.json()).toMatchObject({ ok: true, value: { state: 'open', encrypted: true } });
    } finally {
      await serve.stop({ keepData: true });
    }
  });
});
