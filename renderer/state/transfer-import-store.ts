import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { JobView } from '../../shared/ipc/sync-types';
import type { ClashChoice, ImportReportView } from '../../shared/ipc/transfer-types';
import type { Client } from '../api/client';
import type { JobsStore } from './jobs-store';
import { failureOf, waitForJobEnd } from './transfer-job-wait';
import { pathProblem } from './transfer-path';

/** choose a source → previewing (the dry run) → preview → importing → done. */
export type ImportStep = 'choose' | 'previewing' | 'preview' | 'importing' | 'done';

/** Which dialog: MLflow data (mlruns, mlflow.db) or a Sextant bundle. The engine reads either in both. */
export type ImportFlavor = 'mlflow' | 'bundle';

export interface ImportState {
  flavor: ImportFlavor;
  source: string;
  /** Where the artifacts went when the MLflow data's artifact root was moved (empty: where the source says). */
  artifactsDir: string;
  /** In memory only, for the dry run and the import; dropped once the import starts. */
  passphrase: string;
  /** True once the engine said the bundle is encrypted (the passphrase field shows). */
  needsPassphrase: boolean;
  clash: ClashChoice;
  step: ImportStep;
  /** The dry run or import job running now, for its progress and cancel. */
  jobId: string | null;
  preview: ImportReportView | null;
  /** The ended import job (its summary line, problems) and its report (when it wrote one). */
  ended: JobView | null;
  result: ImportReportView | null;
  error: string | null;
  setSource(source: string): void;
  setArtifactsDir(dir: string): void;
  setPassphrase(passphrase: string): void;
  setClash(clash: ClashChoice): void;
  runPreview(): Promise<void>;
  runImport(): Promise<void>;
  cancel(): Promise<void>;
}

const ENCRYPTED = /passphrase/i;
/** The engine's "give its passphrase" names a CLI option; the dialog says it its own way. */
const NEEDS_PASSPHRASE = /encrypted: give its passphrase/;
const moved = (dir: string) => (dir.trim() ? { artifactsDir: dir.trim() } : {});

/** One import dialog's flow: made when the dialog opens, dropped (passphrase and all) when it closes. */
export function createImportStore(api: Client, jobs: JobsStore, flavor: ImportFlavor) {
  const what = flavor === 'bundle' ? 'the bundle file' : 'the mlruns folder or mlflow.db file';
  const store = createStore<ImportState>()((set, get) => ({
    flavor,
    source: '',
    artifactsDir: '',
    passphrase: '',
    needsPassphrase: false,
    clash: 'merge',
    step: 'choose',
    jobId: null,
    preview: null,
    ended: null,
    result: null,
    error: null,
    setSource(source) {
      // another source: the preview no longer says what would come in
      if (source !== get().source) set({ source, preview: null, needsPassphrase: false, passphrase: '', error: null, step: get().step === 'preview' ? 'choose' : get().step });
    },
    setArtifactsDir(artifactsDir) {
      if (artifactsDir !== get().artifactsDir) set({ artifactsDir, preview: null, error: null, step: get().step === 'preview' ? 'choose' : get().step });
    },
    setPassphrase(passphrase) {
      set({ passphrase });
    },
    setClash(clash) {
      if (clash === get().clash) return;
      set({ clash });
      if (get().step === 'preview') void get().runPreview(); // the preview follows the choice
    },
    async runPreview() {
      const { source, artifactsDir, passphrase, needsPassphrase, clash, step } = get();
      if (step === 'previewing' || step === 'importing') return;
      const problem = pathProblem(source, what) ?? (artifactsDir.trim() ? pathProblem(artifactsDir, 'the artifacts folder') : null) ?? (needsPassphrase && !passphrase ? 'Enter the passphrase the bundle was exported with.' : null);
      if (problem) return set({ error: problem });
      set({ step: 'previewing', error: null });
      try {
        // the dry run takes the clash choice too, so the preview says exactly what the import will do
        const job = await api.call('transfer.import', { source: source.trim(), dryRun: true, clash, ...moved(artifactsDir), ...(passphrase ? { passphrase } : {}) });
        set({ jobId: job.id });
        const ended = await waitForJobEnd(jobs, job);
        jobs.getState().dismiss(ended.id); // the dialog shows what the dry run found (or why it could not); the panel need not
        if (ended.state === 'cancelled') return set({ step: 'choose', jobId: null, preview: null });
        // a dry run that found missing files or a damaged item still reports what would come in
        const result = await api.call('transfer.result', { id: ended.id });
        if (result?.kind === 'import') return set({ step: 'preview', preview: result.report, jobId: null });
        const message = failureOf(ended);
        const encrypted = ENCRYPTED.test(message);
        set({ step: 'choose', jobId: null, preview: null, error: NEEDS_PASSPHRASE.test(message) ? 'This bundle is encrypted: enter the passphrase it was exported with.' : message, needsPassphrase: get().needsPassphrase || encrypted });
      } catch (e) {
        set({ step: 'choose', jobId: null, preview: null, error: (e as Error).message });
      }
    },
    async runImport() {
      const { source, artifactsDir, passphrase, clash, step, preview } = get();
      if (step !== 'preview' || !preview) return;
      set({ step: 'importing', error: null });
      try {
        const job = await api.call('transfer.import', { source: source.trim(), dryRun: false, clash, ...moved(artifactsDir), ...(passphrase ? { passphrase } : {}) });
        set({ jobId: job.id, passphrase: '' });
        const ended = await waitForJobEnd(jobs, job);
        const result = await api.call('transfer.result', { id: ended.id }).catch(() => null);
        set({ step: 'done', jobId: null, ended, result: result?.kind === 'import' ? result.report : null });
      } catch (e) {
        set({ step: 'preview', jobId: null, error: (e as Error).message });
      }
    },
    async cancel() {
      const id = get().jobId;
      if (id) await jobs.getState().cancel(id);
    },
  }));
  return store;
}

export type ImportStore = ReturnType<typeof createImportStore>;
export const useImport = <T,>(store: ImportStore, pick: (s: ImportState) => T) => useStore(store, pick);
