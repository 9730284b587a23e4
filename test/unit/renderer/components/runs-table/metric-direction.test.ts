import { describe, expect, it } from 'vitest';
import { metricWords, preferredDirection } from '../../../../../renderer/components/runs-table/metric-direction';

describe('preferredDirection', () => {
  it.each(['loss', 'val_loss', 'eval/rmse', 'mse', 'test.mape', 'perplexity', 'wer', 'cer', 'latency_ms', 'epoch_time', 'top1_error', 'valLoss', 'mse_loss', 'loss2'])('%s: lower is better', (key) => {
    expect(preferredDirection(key)).toBe('asc');
  });

  it.each(['acc', 'train_acc', 'val_accuracy', 'val_auc', 'val_f1', 'r2', 'precision', 'eval/recall', 'mAP', 'iou', 'dice', 'bleu', 'rouge2', 'rougeL', 'f1_score', 'episode_reward', 'top5Accuracy'])('%s: higher is better', (key) => {
    expect(preferredDirection(key)).toBe('desc');
  });

  it('matches whole words only', () => {
    for (const key of ['glossary', 'maps_seen', 'accumulate', 'lr', 'epoch', 'scorecard', 'timestamp_count']) expect(preferredDirection(key)).toBeNull();
  });

  it('lets the last word that says win, and flips for neg_', () => {
    expect(preferredDirection('loss_acc')).toBe('desc');
    expect(preferredDirection('acc_loss')).toBe('asc');
    expect(preferredDirection('neg_mean_squared_error')).toBe('desc');
  });

  it('splits names at separators and camelCase humps', () => {
    expect(metricWords('eval/valLoss-top1.x')).toEqual(['eval', 'val', 'loss', 'top1', 'x']);
  });
});
