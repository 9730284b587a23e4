import { describe, expect, it } from 'vitest';
import { exportInput, exportProblem, toggled, type ExportForm } from '../../../../renderer/state/transfer-export-form';

const form = (over: Partial<ExportForm> = {}): ExportForm => ({ experiments: ['mnist'], models: [], mode: 'full', since: '', encrypt: false, passphrase: '', confirm: '', out: '/usb/b.sxb', ...over });

describe('export form', () => {
  it('says what stops the export, first thing first', () => {
    expect(exportProblem(form())).toBeNull();
    expect(exportProblem(form({ experiments: [] }))).toBe('Choose at least one experiment or registered model.');
    expect(exportProblem(form({ experiments: [], models: ['clf'] }))).toBeNull();
    expect(exportProblem(form({ mode: 'since' }))).toBe('Choose the earlier bundle.');
    expect(exportProblem(form({ mode: 'since', since: 'a.sxb' }))).toMatch(/^Type the full path of the earlier bundle/);
    expect(exportProblem(form({ mode: 'since', since: '/usb/b.sxb' }))).toMatch(/cannot replace the one it follows/);
    expect(exportProblem(form({ encrypt: true, passphrase: 'short', confirm: 'short' }))).toBe('Use a passphrase of at least 8 characters.');
    expect(exportProblem(form({ encrypt: true, passphrase: 'long enough', confirm: 'long enougH' }))).toBe('The two passphrases differ.');
    expect(exportProblem(form({ out: '' }))).toBe('Choose the new bundle file.');
    expect(exportProblem(form({ out: 'C:\\usb\\b.sxb' }))).toBeNull();
    expect(exportProblem(form({ out: 'b.sxb' }))).toMatch(/^Type the full path of the new bundle file/);
  });

  it('sends since and the passphrase only when chosen (an unticked passphrase is not sent)', () => {
    expect(exportInput(form({ passphrase: 'typed then unticked' }))).toEqual({ out: '/usb/b.sxb', experiments: ['mnist'], models: [] });
    expect(exportInput(form({ mode: 'since', since: ' /usb/a.sxb ', encrypt: true, passphrase: 'long enough', confirm: 'long enough' }))).toEqual({
      out: '/usb/b.sxb', experiments: ['mnist'], models: [], since: '/usb/a.sxb', passphrase: 'long enough',
    });
  });

  it('toggles a name and keeps the list order', () => {
    const all = ['a', 'b', 'c'];
    expect(toggled(['c'], 'a', all)).toEqual(['a', 'c']);
    expect(toggled(['a', 'c'], 'a', all)).toEqual(['c']);
  });
});
