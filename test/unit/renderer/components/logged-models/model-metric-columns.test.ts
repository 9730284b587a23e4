import { describe, expect, it } from 'vitest';
import type { LoggedModel, Metric } from '../../../../../shared/domain/tracking';
import { latestMetric, metricColumns, newestModelsFirst } from '../../../../../renderer/components/logged-models/model-metric-columns';

const metric = (key: string, value: number, timestamp: number, step = 0): Metric => ({ key, value, timestamp, step });
const model = (name: string, created: number, metrics: Metric[] = []): LoggedModel => ({
  info: { model_id: `m-${name}`, experiment_id: '1', name, creation_timestamp_ms: created, last_updated_timestamp_ms: created, artifact_uri: '', status: 'LOGGED_MODEL_READY' },
  data: { metrics },
});

describe('model metric columns', () => {
  it('makes columns of the metric keys when they are few, none when many', () => {
    const models = [model('a', 1, [metric('rmse', 1, 1), metric('acc', 0.9, 1)]), model('b', 2, [metric('acc', 0.8, 1)])];
    expect(metricColumns(models)).toEqual(['acc', 'rmse']);
    expect(metricColumns(models, 1)).toEqual([]);
    expect(metricColumns([model('c', 1)])).toEqual([]);
  });

  it('shows the last logged value of a key', () => {
    const m = model('a', 1, [metric('acc', 0.5, 10, 3), metric('acc', 0.7, 20, 1), metric('acc', 0.6, 20, 0), metric('loss', 9, 30)]);
    expect(latestMetric(m, 'acc')?.value).toBe(0.7);
    expect(latestMetric(m, 'none')).toBeUndefined();
  });

  it('sorts newest first', () => {
    expect(newestModelsFirst([model('old', 1), model('new', 3), model('mid', 2)]).map((m) => m.info.name)).toEqual(['new', 'mid', 'old']);
  });
});
