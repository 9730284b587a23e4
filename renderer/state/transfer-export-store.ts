import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { JobView } from '../../shared/ipc/sync-types';
import type { ExportReportView } from '../../shared/ipc/transfer-types';
import type { Client } from '../api/client';
import type { JobsStore } from './jobs-store';
import { exportInput, exportProblem, type ExportForm } from './transfer-export-form';
import { waitForJobEnd } from './transfer-job-wait';

export type ExportStep = 'form' | 'exporting' | 'done';

export interface ExportState {
  form: ExportForm;
  /** The registered models there are to choose from (loaded when the dialog opens). */
  modelNames: string[];
  step: ExportStep;
  jobId: string | null;
  ended: JobView | null;
  result: ExportReportView | null;
  error: string | null;
  loadModels(): Promise<void>;
  update(patch: Partial<ExportForm>): void;
  run(): Promise<void>;
  cancel(): Promise<void>;
}

const EMPTY: ExportForm = { experiments: [], models: [], mode: 'full', since: '', encrypt: false, passphrase: '', confirm: '', out: '' };

/** One Export bundle dialog: made when it opens, dropped (passphrase and all) when it closes. */
export function createExportStore(api: Client, jobs: JobsStore, initial: Partial<ExportForm> = {}) {
  return createStore<ExportState>()((set, get) => ({
    form: { ...EMPTY, ...initial },
    modelNames: [],
    step: 'form',
    jobId: null,
    ended: null,
    result: null,
    error: null,
    async loadModels() {
      try {
        set({ modelNames: (await api.call('models.list', {})).map((m) => m.name) });
      } catch (e) {
        set({ error: `Could not list the registered models: ${(e as Error).message}` });
      }
    },
    update(patch) {
      set((s) => ({ form: { ...s.form, ...patch }, error: null }));
    },
    async run() {
      const { form, step } = get();
      if (step !== 'form') return;
      const problem = exportProblem(form);
      if (problem) return set({ error: problem });
      set({ step: 'exporting', error: null });
      try {
        const job = await api.call('transfer.export', exportInput(form));
        // the passphrase went with the job; the dialog forgets it
        set((s) => ({ jobId: job.id, form: { ...s.form, passphrase: '', confirm: '' } }));
        const ended = await waitForJobEnd(jobs, job);
        const result = await api.call('transfer.result', { id: ended.id }).catch(() => null);
        set({ step: 'done', jobId: null, ended, result: result?.kind === 'export' ? result.report : null });
      } catch (e) {
        set({ step: 'form', jobId: null, error: (e as Error).message });
      }
    },
    async cancel() {
      const id = get().jobId;
      if (id) await jobs.getState().cancel(id);
    },
  }));
}

export type ExportStore = ReturnType<typeof createExportStore>;
export const useExport = <T,>(store: ExportStore, pick: (s: ExportState) => T) => useStore(store, pick);
