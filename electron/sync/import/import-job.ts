import { resolve } from 'node:path';
import { z } from 'zod';
import type { JobContext, JobHandlers, JobOutcome } from '../../jobs/job-types';
import type { JobDeps } from '../../jobs/local-jobs';
import { importSource } from './importer';
import { SourceError, type ImportSource } from './import-source';
import { openImportSource } from './open-source';

/** The import job's args (the CLI and the UI send these): the passphrase itself, never its variable's name. */
export const ImportArgs = z.object({
  source: z.string().min(1),
  dryRun: z.boolean().optional(),
  artifactsDir: z.string().min(1).optional(),
  clash: z.enum(['merge', 'rename']).optional(),
  passphrase: z.string().min(1).optional(),
});

/**
 * The `import` job of the process holding the store: opens the source (refusing a damaged or
 * unknown one before anything is written) and imports it. Details are the ImportReport's.
 */
export async function importJob(deps: JobDeps, args: unknown, ctx: JobContext): Promise<JobOutcome> {
  const a = ImportArgs.parse(args);
  const path = resolve(a.source);
  ctx.progress({ phase: 'opening the source', itemsDone: 0, bytesDone: 0, current: path });
  let source: ImportSource;
  try {
    source = await openImportSource(path, { ...(a.artifactsDir ? { artifactsDir: resolve(a.artifactsDir) } : {}), ...(a.passphrase ? { passphrase: a.passphrase } : {}), signal: ctx.signal, progress: (p) => ctx.progress(p) });
  } catch (err) {
    const item = err instanceof SourceError ? err.item : path;
    const message = err instanceof SourceError ? err.message.slice(err.item.length + 2) : (err as Error).message;
    return { summary: `import refused: nothing was written (${message})`, problems: [{ item, message: `${message}; nothing was written` }] };
  }
  try {
    const report = await importSource({ svc: deps.services, source, dryRun: a.dryRun === true, ...(a.clash ? { clash: a.clash } : {}), signal: ctx.signal, progress: (p) => ctx.progress(p) });
    return { summary: report.summary, problems: report.problems, details: report.details };
  } finally {
    await source.close();
  }
}

export function importJobHandlers(deps: JobDeps): JobHandlers {
  return { import: (args, ctx) => importJob(deps, args, ctx) };
}
