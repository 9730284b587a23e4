import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { initialParamValues, paramProblems, paramsToSend, type ExtraParam, type ParamValues } from './project-params';
import { isAbsolutePath } from '../../shared/ipc/transfer-types';
import type { ProjectRerun } from './project-rerun';
import type { LaunchesStore } from './project-launch-store';
import type { EnvManager, ProjectEntryPointView, ProjectRunStarted, ProjectView, ProjectsPort, RecentProject } from './project-types';

export interface ProjectFormState {
  uri: string;
  /** A git commit or branch; empty for the working tree. */
  version: string;
  recent: RecentProject[];
  /** The project read from `uri` (null before, or when it could not be read). */
  project: ProjectView | null;
  inspecting: boolean;
  inspectError: string | null;
  entryPoint: string;
  values: ParamValues;
  /** Fields the person changed: their problems show as they type; all show after a refused submit. */
  touched: ReadonlySet<string>;
  attempted: boolean;
  experimentName: string;
  runName: string;
  /** '' lets the project decide (python_env → virtualenv). */
  envManager: EnvManager | '';
  /** A full path to a Python; '' for python3 (or python) on PATH. */
  python: string;
  submitting: boolean;
  submitError: string | null;
  loadRecent(): Promise<void>;
  setUri(uri: string): void;
  setVersion(version: string): void;
  inspect(): Promise<void>;
  chooseEntryPoint(name: string): void;
  setParam(name: string, value: string): void;
  setExtra(index: number, row: ExtraParam): void;
  addExtra(): void;
  removeExtra(index: number): void;
  set(fields: Partial<Pick<ProjectFormState, 'experimentName' | 'runName' | 'envManager' | 'python'>>): void;
  /** Problems by field (declared names, `extra.<i>`, `python`). */
  problems(): Record<string, string>;
  /** Starts the run, or marks the problems and returns null. */
  submit(): Promise<ProjectRunStarted | null>;
}

export interface ProjectFormOptions {
  /** A project run to run again: its source, entry point, params, env and name. */
  rerun?: ProjectRerun;
  experimentName?: string;
  /** The Python to start with (the one last used). */
  python?: string;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The entry point a freshly read project opens on: the asked one, `main`, or the first. */
const pickEntryPoint = (project: ProjectView, wanted?: string): ProjectEntryPointView | undefined =>
  project.entryPoints.find((e) => e.name === wanted) ?? project.entryPoints.find((e) => e.name === 'main') ?? project.entryPoints[0];

/** The Run project dialog: where the project is, the chosen entry point's typed parameters, where the run goes. */
export function createProjectFormStore(port: ProjectsPort, launches: LaunchesStore, options: ProjectFormOptions = {}) {
  const { rerun } = options;
  const store = createStore<ProjectFormState>()((set, get) => ({
    uri: rerun?.uri ?? '',
    version: rerun?.version ?? '',
    recent: [],
    project: null,
    inspecting: false,
    inspectError: null,
    entryPoint: rerun?.entryPoint ?? '',
    values: { declared: {}, extra: [] },
    touched: new Set(),
    attempted: false,
    experimentName: options.experimentName ?? '',
    runName: '',
    envManager: rerun?.envManager ?? '',
    python: options.python ?? '',
    submitting: false,
    submitError: null,
    async loadRecent() {
      try {
        set({ recent: await port.recent() });
      } catch {
        // recent projects are a convenience: the path field still works
      }
    },
    setUri(uri) {
      set({ uri, project: null, inspectError: null });
    },
    setVersion(version) {
      set({ version, project: null, inspectError: null });
    },
    async inspect() {
      const uri = get().uri.trim();
      if (!uri) return set({ inspectError: 'Type the project folder (or a git repository).' });
      const version = get().version.trim() || undefined;
      set({ inspecting: true, inspectError: null });
      try {
        const project = await port.inspect(uri, version);
        if (get().uri.trim() !== uri) return; // the person typed another path meanwhile
        const first = pickEntryPoint(project, get().entryPoint || rerun?.entryPoint);
        const prefill = rerun && first?.name === rerun.entryPoint ? rerun.params : {};
        set({
          project,
          inspecting: false,
          entryPoint: first?.name ?? '',
          values: initialParamValues(first?.parameters ?? [], prefill),
          touched: new Set(),
          attempted: false,
        });
      } catch (e) {
        set({ inspecting: false, project: null, inspectError: message(e) });
      }
    },
    chooseEntryPoint(name) {
      const ep = get().project?.entryPoints.find((e) => e.name === name);
      if (!ep) return;
      // what was typed for parameters of the same name carries over
      const typed = Object.fromEntries(Object.entries(get().values.declared).filter(([k]) => [...get().touched].includes(k)));
      const values = initialParamValues(ep.parameters, typed);
      set({ entryPoint: name, values: { declared: values.declared, extra: get().values.extra }, attempted: false });
    },
    setParam(name, value) {
      set((s) => ({ values: { ...s.values, declared: { ...s.values.declared, [name]: value } }, touched: new Set([...s.touched, name]) }));
    },
    setExtra(index, row) {
      set((s) => ({ values: { ...s.values, extra: s.values.extra.map((r, i) => (i === index ? row : r)) }, touched: new Set([...s.touched, `extra.${index}`]) }));
    },
    addExtra() {
      set((s) => ({ values: { ...s.values, extra: [...s.values.extra, { key: '', value: '' }] } }));
    },
    removeExtra(index) {
      set((s) => ({ values: { ...s.values, extra: s.values.extra.filter((_, i) => i !== index) } }));
    },
    set(fields) {
      set((s) => ({ ...fields, ...(fields.python !== undefined ? { touched: new Set([...s.touched, 'python']) } : {}) }));
    },
    problems() {
      const ep = get().project?.entryPoints.find((e) => e.name === get().entryPoint);
      const out = ep ? paramProblems(ep.parameters, get().values) : {};
      const python = get().python.trim();
      if (python && !isAbsolutePath(python)) out.python = 'the Python is a full path, e.g. /usr/bin/python3';
      return out;
    },
    async submit() {
      const s = get();
      const ep = s.project?.entryPoints.find((e) => e.name === s.entryPoint);
      if (!s.project || !ep) {
        set({ submitError: 'Open a project and choose an entry point first.' });
        return null;
      }
      if (Object.keys(get().problems()).length > 0) {
        set({ attempted: true, submitError: null });
        return null;
      }
      set({ submitting: true, submitError: null });
      try {
        const launched = await launches.getState().launch({
          uri: s.uri.trim(),
          ...(s.version.trim() ? { version: s.version.trim() } : {}),
          entryPoint: ep.name,
          params: paramsToSend(ep.parameters, s.values),
          ...(s.experimentName.trim() ? { experimentName: s.experimentName.trim() } : {}),
          ...(s.runName.trim() ? { runName: s.runName.trim() } : {}),
          ...(s.envManager ? { envManager: s.envManager } : {}),
          ...(s.python.trim() ? { python: s.python.trim() } : {}),
        });
        set({ submitting: false });
        return launched;
      } catch (e) {
        set({ submitting: false, submitError: message(e) });
        return null;
      }
    },
  }));
  return store;
}

export type ProjectFormStore = ReturnType<typeof createProjectFormStore>;
export const useProjectForm = <T,>(store: ProjectFormStore, pick: (s: ProjectFormState) => T) => useStore(store, pick);
