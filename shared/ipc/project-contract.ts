import { z } from 'zod';
import { method } from './contract-method';
import { PROJECT_ENV_MANAGERS, type ProjectRunStarted, type ProjectView, type RecentProject } from './project-types';

/** A project folder, a git repository (path or file:// URL) with an optional `#subdirectory`. */
const ProjectUri = z.string().min(1).max(4096);
/** A git commit or branch of the repository. */
const GitVersion = z.string().min(1).max(256);

/** The contract's project methods and events (spread into contract.ts). */
export const projectMethods = {
  /** What a project offers: its name, entry points with typed parameters, and whether its environment can run here. */
  'projects.inspect': method<ProjectView>()(z.object({ uri: ProjectUri, version: GitVersion.optional() })),
  /**
   * Runs an entry point as a job of the process holding the store. Answers once the run is created
   * (with its params and tags); parameters that do not fit their type are refused (bad_input, naming
   * the parameter) before anything runs.
   */
  'projects.run': method<ProjectRunStarted>()(
    z.object({
      uri: ProjectUri,
      version: GitVersion.optional(),
      entryPoint: z.string().min(1).max(1000),
      params: z.record(z.string().min(1).max(250), z.string().max(6000)),
      experimentName: z.string().min(1).max(500).optional(),
      runName: z.string().min(1).max(250).optional(),
      envManager: z.enum(PROJECT_ENV_MANAGERS).optional(),
      /** The Python to run with (local) or build the environment from: a full path; default python3/python on PATH. */
      python: z.string().min(1).max(4096).optional(),
    }),
  ),
  /** Projects run before (from the store's project runs), newest first. */
  'projects.recent': method<RecentProject[]>()(z.object({})),
} as const;

export const projectEvents = {
  /** Output of a running project's command (stdout and stderr, in order, as text chunks). */
  'projects.output': z.object({ jobId: z.string(), runId: z.string(), text: z.string() }),
} as const;
