import type { Input } from '../../shared/ipc/contract';
import { pathProblem } from './transfer-path';

/** What the Export bundle dialog collects. */
export interface ExportForm {
  experiments: string[];
  models: string[];
  /** 'since': only what changed since the bundle at `since` was written. */
  mode: 'full' | 'since';
  since: string;
  encrypt: boolean;
  passphrase: string;
  confirm: string;
  out: string;
}

export const MIN_PASSPHRASE = 8;

/** The first thing that stops the export, as the dialog says it; null when it can start. */
export function exportProblem(f: ExportForm): string | null {
  if (!f.experiments.length && !f.models.length) return 'Choose at least one experiment or registered model.';
  if (f.mode === 'since') {
    const p = pathProblem(f.since, 'the earlier bundle');
    if (p) return p;
  }
  if (f.encrypt) {
    if (f.passphrase.length < MIN_PASSPHRASE) return `Use a passphrase of at least ${MIN_PASSPHRASE} characters.`;
    if (f.passphrase !== f.confirm) return 'The two passphrases differ.';
  }
  const out = pathProblem(f.out, 'the new bundle file');
  if (out) return out;
  if (f.mode === 'since' && f.since.trim() === f.out.trim()) return 'Save the new bundle under a new name: it cannot replace the one it follows.';
  return null;
}

/** The contract call for a valid form. */
export function exportInput(f: ExportForm): Input<'transfer.export'> {
  return {
    out: f.out.trim(),
    experiments: f.experiments,
    models: f.models,
    ...(f.mode === 'since' ? { since: f.since.trim() } : {}),
    ...(f.encrypt ? { passphrase: f.passphrase } : {}),
  };
}

/** Toggles one name in a selection, keeping the given order of all names. */
export function toggled(selected: string[], name: string, all: string[]): string[] {
  const set = new Set(selected);
  if (set.has(name)) set.delete(name);
  else set.add(name);
  return all.filter((n) => set.has(n));
}
