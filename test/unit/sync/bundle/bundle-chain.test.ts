import { describe, expect, it } from 'vitest';
import { bundleImportedOp, missingPredecessor, type BundleLink } from '../../../../electron/sync/bundle/bundle-chain';
import { findImportedBundle } from '../../../../electron/store/repos/bundles-repo';
import { openTestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

const full: BundleLink = { bundleId: 'b1', storeId: 's', createdAt: Date.UTC(2026, 11, 1), file: 'full.sxb', since: null };
const second: BundleLink = { bundleId: 'b2', storeId: 's', createdAt: Date.UTC(2026, 11, 2), file: 'inc-1.sxb', since: { bundleId: 'b1', createdAt: full.createdAt, file: 'full.sxb' } };

describe('bundle chain', () => {
  it('refuses an incremental bundle until the one it continues is imported, naming it; records each once (also after reopening)', async () => {
    const dir = tempDir();
    let t = await openTestStore(dir);
    expect(missingPredecessor(t.store.db, full)).toBeNull();
    const why = missingPredecessor(t.store.db, second);
    expect(why).toContain("'full.sxb'");
    expect(why).toContain('2026-12-01T00:00:00.000Z');
    expect(why).toContain('id b1');
    await t.store.commit(bundleImportedOp(full, 10));
    await t.store.commit(bundleImportedOp(full, 20)); // twice: changes nothing
    expect(missingPredecessor(t.store.db, second)).toBeNull();
    await t.store.close();
    t = await openTestStore(dir);
    expect(findImportedBundle(t.store.db, 'b1')).toMatchObject({ source_store: 's', since: null, file: 'full.sxb', imported_time: 10 });
    await t.store.close();
  });
});
