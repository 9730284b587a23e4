import { lstat, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { invalidParam } from '../../../shared/domain/mlflow-error';
import type { Input } from '../../../shared/ipc/contract';
import type { JobView } from '../../../shared/ipc/sync-types';
import { JobStartError, type JobRunner } from '../../jobs/job-runner';
import type { Handlers } from '../dispatch';
import type { JobsFeed } from '../jobs-feed';
import { transferResult } from './transfer-report';

type TransferHandlers = Pick<Handlers, 'transfer.import' | 'transfer.export' | 'transfer.result' | 'app.pickPath'>;

export interface TransferHandlerDeps {
  jobs: JobRunner;
  feed: JobsFeed;
}

const list = (names: string[], max = 3) => (names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`);

/** What a person reads in the progress panel (never a passphrase: the title and view hold no args). */
export function importTitle(input: Input<'transfer.import'>): string {
  return `${input.dryRun ? 'Preview import of' : 'Import'} ${basename(input.source) || input.source}`;
}

export function exportTitle(input: Input<'transfer.export'>): string {
  const what = [input.experiments.length ? list(input.experiments) : '', input.models.length ? `model${input.models.length === 1 ? '' : 's'} ${list(input.models)}` : ''].filter(Boolean).join(' + ');
  return `Export ${input.since ? 'changes to ' : ''}${what} to ${basename(input.out)}`;
}

const kindOf = async (path: string) => {
  const s = await stat(path).catch(() => null);
  return s === null ? 'none' : s.isDirectory() ? 'folder' : s.isFile() ? 'file' : 'other';
};

async function checkImport(input: Input<'transfer.import'>): Promise<void> {
  const kind = await kindOf(input.source);
  if (kind === 'none') throw invalidParam(`Nothing is at ${input.source}: check the path (it is read on the machine running Sextant).`);
  if (kind === 'other') throw invalidParam(`${input.source} is neither a file nor a folder.`);
  if (input.artifactsDir && (await kindOf(input.artifactsDir)) !== 'folder') throw invalidParam(`The artifacts folder ${input.artifactsDir} does not exist.`);
}

/** An export never overwrites: the file must be new, in a folder that exists. */
async function checkExport(input: Input<'transfer.export'>): Promise<void> {
  if (await lstat(input.out).then(() => true, () => false)) {
    throw invalidParam(`${input.out} already exists; Sextant does not overwrite files: choose a new file name.`);
  }
  if ((await kindOf(dirname(input.out))) !== 'folder') throw invalidParam(`The folder ${dirname(input.out)} does not exist.`);
  if (input.since) {
    if (resolve(input.since) === resolve(input.out)) throw invalidParam('The new bundle cannot replace the bundle it follows: choose a new file name.');
    if ((await kindOf(input.since)) !== 'file') throw invalidParam(`The earlier bundle ${input.since} is not there.`);
  }
}

/** Import (dry run for the preview, then the real one) and export jobs, run by the store holder's JobRunner. */
export function transferHandlers(deps: TransferHandlerDeps): TransferHandlers {
  const start = (kind: 'import' | 'export', args: object, title: string): JobView => {
    let id: string;
    try {
      id = deps.jobs.start({ kind, args }).id;
    } catch (err) {
      if (err instanceof JobStartError && /unknown job kind/.test(err.message)) throw invalidParam(`${kind === 'import' ? 'Import' : 'Export'} is not available in this version of Sextant.`);
      if (err instanceof JobStartError) throw invalidParam(err.message);
      throw err;
    }
    deps.feed.title(id, title);
    return deps.feed.get(id)!;
  };
  return {
    'transfer.import': async (input) => {
      await checkImport(input);
      const { source, dryRun, clash, artifactsDir, passphrase } = input;
      const args = { source, dryRun, ...(clash ? { clash } : {}), ...(artifactsDir ? { artifactsDir } : {}), ...(passphrase ? { passphrase } : {}) };
      return start('import', args, importTitle(input));
    },
    'transfer.export': async (input) => {
      await checkExport(input);
      const { out, experiments, models, since, passphrase } = input;
      const args = { out, experiments, models, ...(since ? { since } : {}), ...(passphrase ? { passphrase } : {}) };
      return start('export', args, exportTitle(input));
    },
    'transfer.result': ({ id }) => transferResult(deps.jobs.get(id)),
    'app.pickPath': () => {
      throw invalidParam('There is no file picker in browser mode: type the full path on the machine running Sextant.');
    },
  };
}
