import type { Metric } from '../../../shared/domain/tracking';
import type { Database } from '../database';
import { chunks } from './chunks';

interface LatestRow {
  run_id: string;
  key: string;
  value: number | null;
  is_nan: number;
  timestamp: number;
  step: number;
}

export const metricValue = (value: number | null, isNan: number) => (isNan ? Number.NaN : (value as number));

/** Latest value per metric key for each run (RunData.metrics). */
export function latestMetrics(db: Database, runIds: string[]): Map<string, Metric[]> {
  const out = new Map<string, Metric[]>();
  for (const chunk of chunks(runIds, 500)) {
    const rows = db.rows(`SELECT run_id, key, value, is_nan, timestamp, step FROM latest_metrics WHERE run_id IN (${chunk.map(() => '?').join(',')}) ORDER BY run_id, key`, chunk);
    for (const [runId, key, value, isNan, timestamp, step] of rows as [string, string, number | null, number, number, number][]) {
      const m: Metric = { key, value: metricValue(value, isNan), timestamp, step };
      const list = out.get(runId);
      if (list) list.push(m);
      else out.set(runId, [m]);
    }
  }
  return out;
}

export function findLatest(db: Database, runId: string, key: string): { t: number; s: number; v: number } | undefined {
  const r = db.get<LatestRow>('SELECT * FROM latest_metrics WHERE run_id = ? AND key = ?', [runId, key]);
  return r && { t: r.timestamp, s: r.step, v: metricValue(r.value, r.is_nan) };
}

export function writeLatest(db: Database, runId: string, key: string, t: number, s: number, v: number): void {
  const nan = Number.isNaN(v);
  db.run('INSERT OR REPLACE INTO latest_metrics (run_id, key, value, is_nan, timestamp, step) VALUES (?, ?, ?, ?, ?, ?)', [runId, key, nan ? null : v, nan ? 1 : 0, t, s]);
}
