/** Which way a metric is better, read from its name: `val_loss` down, `eval/accuracy` up. */
export type Direction = 'asc' | 'desc';

/** Lower is better. */
const LOWER = new Set([
  'loss', 'error', 'err', 'mse', 'rmse', 'mae', 'mape', 'smape', 'msle', 'rmsle', 'nll', 'logloss',
  'perplexity', 'ppl', 'wer', 'cer', 'latency', 'time', 'duration', 'seconds', 'fid', 'regret', 'cost',
]);
/** Higher is better. */
const HIGHER = new Set([
  'acc', 'accuracy', 'auc', 'auroc', 'auprc', 'roc', 'f1', 'fbeta', 'r2', 'precision', 'prec', 'recall',
  'map', 'ap', 'iou', 'miou', 'dice', 'bleu', 'rouge', 'rougel', 'rougelsum', 'meteor', 'score',
  'reward', 'return', 'ndcg', 'mrr', 'psnr', 'ssim', 'kappa', 'mcc', 'throughput',
]);
/** Words that turn the meaning round, as in scikit-learn's `neg_mean_squared_error`. */
const NEGATING = new Set(['neg', 'negative']);

/** The name's words, lower case: split at anything not a letter or digit and at camelCase humps. */
export function metricWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

function wordDirection(word: string): Direction | null {
  for (const w of [word, word.replace(/\d+$/, '')]) {
    if (LOWER.has(w)) return 'asc';
    if (HIGHER.has(w)) return 'desc';
  }
  return null;
}

/**
 * The order that puts the best value first, when the metric's name says it: whole words only
 * (`val_loss`, `eval/rmse`, `top1Accuracy`, `rouge2`; not `glossary` or `maps_seen`). The last
 * word that says wins (`f1_score`, `mse_loss`), and `neg_…` flips it. Null when nothing says.
 */
export function preferredDirection(metricKey: string): Direction | null {
  const words = metricWords(metricKey);
  let found: Direction | null = null;
  for (const w of words) found = wordDirection(w) ?? found;
  if (found && words.some((w) => NEGATING.has(w))) return found === 'asc' ? 'desc' : 'asc';
  return found;
}
