import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyDirOf, finishSwap, intentPath, oldDirOf, readSwapIntent, removeUnfinishedCopies, writeSwapIntent } from '../../../../../electron/store/convert/store-swap';
import { finishInterruptedSwap } from '../../../../../electron/store/convert/swap-recovery';
import { StoreOpenError } from '../../../../../electron/store/store-errors';
import { createExperiment } from '../../../../../electron/services/experiments-service';
import { readManifest } from '../../../../../electron/store/manifest';
import { crash, openTestStore } from '../../../../support/open-test-store';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();

/** A store folder and its complete copy, told apart by a file's content. */
function storeAndCopy() {
  const store = join(tempDir(), 'store');
  mkdirSync(join(store, 'series'), { recursive: true });
  writeFileSync(join(store, 'store.json'), 'old');
  const copy = copyDirOf(store, 'abc');
  mkdirSync(join(copy, 'series'), { recursive: true });
  writeFileSync(join(copy, 'store.json'), 'new');
  const old = oldDirOf(store, 'abc');
  return { store, copy, old, intent: writeSwapIntent(store, copy, old, 'encrypted') };
}

const beside = (store: string) => readdirSync(dirname(store)).sort();
const contentOf = (store: string) => readFileSync(join(store, 'store.json'), 'utf8');

describe('the swap of a converted store (store-swap)', () => {
  it('writes an intent naming the folders, and reads it back', () => {
    const { store, intent } = storeAndCopy();
    expect(readSwapIntent(store)).toEqual(intent);
    expect(intent).toMatchObject({ version: 1, store: 'store', copy: 'store.sextant-convert-abc', old: 'store.sextant-old-abc', to: 'encrypted' });
  });

  it.each([
    ['before the first rename', (_s: { store: string; copy: string; old: string }) => {}],
    ['between the renames', (s: { store: string; copy: string; old: string }) => renameSync(s.store, s.old)],
    ['after both renames', (s: { store: string; copy: string; old: string }) => (renameSync(s.store, s.old), renameSync(s.copy, s.store))],
    ['after the old store was removed', (s: { store: string; copy: string; old: string }) => (renameSync(s.store, s.old), renameSync(s.copy, s.store), rmSync(s.old, { recursive: true }))],
  ])('finishes a swap stopped %s: the copy in the store\'s place, nothing left beside it', async (_when, stopAt) => {
    const s = storeAndCopy();
    stopAt(s);
    expect(await finishInterruptedSwap(s.store)).toBe('finished');
    expect(contentOf(s.store)).toBe('new');
    expect(beside(s.store)).toEqual(['store']);
    expect(await finishInterruptedSwap(s.store)).toBe('none');
  });

  it('removes an empty skeleton an open made at the store\'s name between the renames; refuses a real store there, touching nothing', async () => {
    const s = storeAndCopy();
    renameSync(s.store, s.old);
    mkdirSync(join(s.store, 'journal'), { recursive: true });
    writeFileSync(join(s.store, 'lock'), '{}');
    await finishSwap(s.store, s.intent);
    expect(contentOf(s.store)).toBe('new');

    const t = storeAndCopy();
    renameSync(t.store, t.old);
    mkdirSync(t.store);
    writeFileSync(join(t.store, 'store.json'), 'someone else');
    const err = await finishSwap(t.store, t.intent).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(StoreOpenError);
    expect((err as Error).message).toMatch(/stopped half way, and meanwhile a new store was made at its name/);
    expect(contentOf(t.store)).toBe('someone else');
    expect(existsSync(t.copy) && existsSync(t.old) && existsSync(intentPath(t.store))).toBe(true);
  });

  it('rolls back instead (copy removed, store kept) when the store was written to after the intent, before the first rename', async () => {
    for (const change of ['none', 'checkpointed', 'journal only'] as const) {
      const store = join(tempDir(), 'store');
      const t = await openTestStore(store);
      await t.store.close();
      const snapshot = readManifest(store)!.snapshot!;
      const copy = copyDirOf(store, 'abc');
      mkdirSync(copy);
      writeFileSync(join(copy, 'store.json'), 'new');
      writeSwapIntent(store, copy, oldDirOf(store, 'abc'), 'encrypted', snapshot);
      if (change !== 'none') {
        // An open that knew nothing of the intent (an older build: this one's Store.open finishes the
        // swap first), after a kill right after the intent was written; and a write.
        renameSync(intentPath(store), `${intentPath(store)}.hidden`);
        const u = await openTestStore(store);
        await createExperiment(u.svc, { name: 'written after the copy', tags: [] });
        if (change === 'checkpointed') await u.store.close();
        else await crash(u);
        renameSync(`${intentPath(store)}.hidden`, intentPath(store));
      }
      expect(await finishInterruptedSwap(store), change).toBe(change === 'none' ? 'finished' : 'rolled-back');
      expect(beside(store), change).toEqual(['store']);
      if (change === 'none') expect(contentOf(store)).toBe('new');
      else expect(readManifest(store)!.storeId, change).toBeTruthy();
    }
  });

  it('refuses a torn intent file instead of guessing', () => {
    const { store } = storeAndCopy();
    writeFileSync(intentPath(store), '{"version": 1, "sto');
    expect(() => readSwapIntent(store)).toThrow(/cannot be read; look at the folders beside the store before removing it/);
  });

  it('removes copies no intent names and intent files cut short (conversions that never reached their swap), keeps the copy an intent names', () => {
    const { store, copy } = storeAndCopy();
    const stale = copyDirOf(store, 'zzz');
    mkdirSync(join(stale, 'series'), { recursive: true });
    mkdirSync(join(dirname(store), 'other.sextant-convert-zzz'));
    writeFileSync(`${intentPath(store)}.tmp-123`, '{"vers'); // an intent a kill cut short
    expect(removeUnfinishedCopies(store).sort()).toEqual([`${basename(intentPath(store))}.tmp-123`, basename(stale)].sort());
    expect(existsSync(copy)).toBe(true);
    expect(existsSync(join(dirname(store), 'other.sextant-convert-zzz'))).toBe(true);
  });
});
