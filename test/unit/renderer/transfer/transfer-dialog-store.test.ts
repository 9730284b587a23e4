import { describe, expect, it } from 'vitest';
import { createTransferDialogStore } from '../../../../renderer/state/transfer-dialog-store';
import { fakeClient } from '../state/run-fake-client';

describe('transfer dialogs', () => {
  it('open from the sidebar (with experiments to tick) and from the desktop menu (app.command)', () => {
    const fake = fakeClient({});
    const store = createTransferDialogStore(fake.api);
    store.getState().show('export-bundle', ['mnist']);
    expect(store.getState()).toMatchObject({ open: 'export-bundle', preselect: ['mnist'] });
    store.getState().close();
    expect(store.getState()).toMatchObject({ open: null, preselect: [] });
    fake.emit({ event: 'app.command', payload: { command: 'import-bundle' } });
    expect(store.getState().open).toBe('import-bundle');
  });
});
