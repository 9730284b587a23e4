import type { ProjectView } from '../../shared/ipc/project-types';
import { environmentProblem } from './project-plan';
import { fetchProject } from './project-source';
import { listEntryPoints, loadProject, type ParamSpec } from './project-spec';

/** What a project offers, for the Run project form: entry points with typed parameters, and its environment. */
export async function inspectProject(uri: string, version?: string): Promise<ProjectView> {
  const source = await fetchProject({ uri, ...(version !== undefined ? { version } : {}) });
  try {
    const spec = loadProject(source.dir);
    const entryPoints = listEntryPoints(spec).map((e) => ({ name: e.name, command: e.command, parameters: e.parameters.map(paramView) }));
    const problem = environmentProblem(spec);
    return { uri, name: spec.name, entryPoints, env: { kind: spec.env.kind, available: problem === null, ...(problem ? { problem } : {}) } };
  } finally {
    source.dispose();
  }
}

function paramView(p: ParamSpec) {
  return { name: p.name, type: p.type === 'int' ? ('float' as const) : p.type, ...(p.default !== null ? { default: p.default } : {}) };
}
