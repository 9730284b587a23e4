import type { TableRunReader } from '../../../shared/ipc/runs-table-codec';
import type { RunRecord } from '../../store/read-model/run-record';

/** The table encoder's view of a read-model record (its key lists are interned and shared). */
export const recordReader: TableRunReader<RunRecord> = {
  id: (r) => r.id,
  name: (r) => r.name,
  status: (r) => r.status,
  startTime: (r) => r.startTime,
  endTime: (r) => r.endTime,
  userId: (r) => r.userId,
  deleted: (r) => r.lifecycle === 'deleted',
  metricKeys: (r) => r.metricKeys,
  paramKeys: (r) => r.paramKeys,
  tagKeys: (r) => r.tagKeys,
  metricAt: (r, i) => r.metricPoints[3 * i]!,
  paramAt: (r, i) => r.paramValues[i]!,
  tagAt: (r, i) => r.tagValues[i]!,
};
