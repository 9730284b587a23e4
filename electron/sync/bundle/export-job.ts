import { z } from 'zod';
import type { JobContext, JobHandlers, JobOutcome } from '../../jobs/job-types';
import type { JobDeps } from '../../jobs/local-jobs';
import { exportBundle } from './export-bundle';

/** The export job's args (the CLI and the UI send these): paths absolute, the passphrase itself (never its variable's name). */
export const ExportArgs = z.object({
  out: z.string().min(1),
  experiments: z.array(z.string()).default([]),
  models: z.array(z.string()).default([]),
  since: z.string().min(1).optional(),
  passphrase: z.string().min(1).optional(),
});

/** The `export` job of the process holding the store. */
export function exportJobHandlers(deps: JobDeps): JobHandlers {
  return {
    export: async (args, ctx: JobContext): Promise<JobOutcome> => {
      const a = ExportArgs.parse(args);
      try {
        const report = await exportBundle({ svc: deps.services, ...a, signal: ctx.signal, progress: (p) => ctx.progress(p) });
        return { summary: report.summary, problems: [], details: report.details };
      } catch (err) {
        if (ctx.signal.aborted) return { summary: 'export cancelled: no bundle was written', problems: [{ item: 'export', message: 'cancelled; nothing was written' }] };
        throw err;
      }
    },
  };
}
