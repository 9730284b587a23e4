// Result rows: one measured quantity for MLflow and Sextant, the ratio between them and the target
// from the product issue. Ratios are always "how many times better Sextant is" (throughput:
// sextant / mlflow; times: mlflow / sextant), so a target is a minimum ratio.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type TargetKind } from './options';

export type Unit = 'points/s' | 'req/s' | 'MB/s' | 'ms' | 's' | 'MB' | '%';

/** Issue 12: an encrypted store keeps at least this share of a plain store's throughput. */
export const ENCRYPTED_MIN_SHARE = 0.8;

export interface Target {
  /** Sextant must be at least this many times better than MLflow. */
  minRatio?: number;
  /** Sextant's own value must be below this (same unit as the row). */
  maxSextant?: number;
  /** Sextant's own value must be at least this (same unit as the row). */
  minSextant?: number;
}

export interface Row {
  workload: string;
  metric: string;
  unit: Unit;
  better: 'higher' | 'lower';
  mlflow?: number;
  sextant?: number;
  /** Shown as a footnote on the MLflow value (e.g. measured at a smaller scale and extrapolated). */
  mlflowNote?: string;
  sextantNote?: string;
  target?: Target;
  /** Sextant on an encrypted store (--targets sextant-encrypted), same unit. */
  encrypted?: number;
  encryptedNote?: string;
  /** Issue 12: the encrypted store must keep at least this fraction of the plain one's (0.8). */
  encryptedTarget?: number;
}

export interface EvaluatedRow extends Row {
  ratio?: number;
  targetText: string;
  /** undefined = no target, or not measurable in this run */
  met?: boolean;
  /** Encrypted as a fraction of plain Sextant (throughput: encrypted/plain; time: plain/encrypted). */
  encryptedRatio?: number;
  /** Whether encryptedRatio ≥ encryptedTarget (undefined: no target, or not measured). */
  encryptedMet?: boolean;
}

const ok = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);

export function evaluate(row: Row): EvaluatedRow {
  const { mlflow, sextant, target } = row;
  let ratio: number | undefined;
  if (ok(mlflow) && ok(sextant) && mlflow > 0 && sextant > 0) {
    ratio = row.better === 'higher' ? sextant / mlflow : mlflow / sextant;
  }
  const parts: string[] = [];
  let met: boolean | undefined;
  if (target) {
    const checks: (boolean | undefined)[] = [];
    if (target.minRatio !== undefined) {
      parts.push(`≥${target.minRatio}×`);
      checks.push(ratio === undefined ? undefined : ratio >= target.minRatio);
    }
    if (target.maxSextant !== undefined) {
      parts.push(`<${target.maxSextant} ${row.unit}`);
      checks.push(ok(sextant) ? sextant < target.maxSextant : undefined);
    }
    if (target.minSextant !== undefined) {
      parts.push(`≥${target.minSextant} ${row.unit}`);
      checks.push(ok(sextant) ? sextant >= target.minSextant : undefined);
    }
    met = checks.includes(false) ? false : checks.includes(undefined) ? undefined : true;
  }
  const out: EvaluatedRow = { ...row, targetText: parts.join(' & ') || '—' };
  if (ratio !== undefined) out.ratio = ratio;
  if (met !== undefined) out.met = met;
  const { encrypted } = row;
  if (ok(encrypted) && ok(sextant) && encrypted > 0 && sextant > 0) {
    out.encryptedRatio = row.better === 'higher' ? encrypted / sextant : sextant / encrypted;
    if (row.encryptedTarget !== undefined) out.encryptedMet = out.encryptedRatio >= row.encryptedTarget;
  }
  return out;
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  durationS: number;
  /** The commit measured (`git rev-parse HEAD`) and whether the working tree had changes. */
  source?: { commit: string; dirtyFiles: number };
  machine: { loadAvgAtStart: number[]; loadAvgAtEnd: number[]; cpus: number; cpuModel: string; memMB: number; node: string; platform: string };
  servers: Partial<Record<TargetKind, { version: string }>>;
  options: Record<string, unknown>;
  rows: EvaluatedRow[];
  /** Raw per-workload details (counts, seeding times, errors, per-phase durations). */
  details: Record<string, unknown>;
  notes: string[];
}

export function writeJson(path: string, report: BenchReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`);
}
