import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { getRun, updateRun } from '../services/runs-service';
import type { ServiceContext } from '../services/service-context';

/**
 * The project runs a process holding a store has under way, kept in a small file outside the
 * store (one per store folder). The holder is the store's one writer, so when a store opens and
 * the file still lists runs, the process that ran them stopped without ending them (killed,
 * crashed, power lost): settleInterruptedRuns ends them FAILED rather than RUNNING forever.
 */
export class RunsUnderWay {
  constructor(private readonly file: string) {}

  static forStore(storeDir: string, cacheRoot: string): RunsUnderWay {
    const key = createHash('sha256').update(resolve(storeDir)).digest('hex').slice(0, 24);
    return new RunsUnderWay(join(cacheRoot, 'project-runs', `${key}.json`));
  }

  list(): string[] {
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  }

  add(runId: string): void {
    this.write([...new Set([...this.list(), runId])]);
  }

  remove(runId: string): void {
    this.write(this.list().filter((id) => id !== runId));
  }

  private write(ids: string[]): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(ids));
    renameSync(tmp, this.file);
  }
}

/** Ends FAILED the listed runs still RUNNING (their runner is gone); returns their ids. */
export async function settleInterruptedRuns(svc: ServiceContext, runs: RunsUnderWay, log: (msg: string) => void): Promise<string[]> {
  const settled: string[] = [];
  for (const runId of runs.list()) {
    let status: string | undefined;
    try {
      status = getRun(svc, runId).info.status;
    } catch {
      status = undefined; // deleted since, or never committed
    }
    if (status === 'RUNNING') {
      await updateRun(svc, { runId, status: 'FAILED', endTime: svc.now() });
      log(`project run ${runId} was left RUNNING by a Sextant process that stopped before it ended; marked FAILED`);
      settled.push(runId);
    }
    runs.remove(runId);
  }
  return settled;
}
