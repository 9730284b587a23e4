import type { Seeder } from './seed';

/** What `seedSweep` made: the parent runs and, per parent, its nested trials. */
export interface SeededSweep {
  experimentId: string;
  parents: { id: string; name: string; children: { id: string; name: string; lr: number; layers: number; valLoss: number; valAcc: number; status: string }[] }[];
}

export interface SweepOptions {
  /** Parent runs (one per optimizer, say). */
  parents?: number;
  /** Trials nested under each parent. */
  childrenPerParent?: number;
  /** Points of each of the 8 metrics per trial. */
  steps?: number;
}

const OPTIMIZERS = ['adam', 'sgd', 'adamw', 'rmsprop', 'lion', 'adagrad'];

/**
 * A nested hyperparameter sweep as practitioners log one: parents with no metrics, each holding
 * trials with `lr` spanning orders of magnitude, `layers`, `optimizer`; 8 metrics (train/val
 * loss and accuracy, f1, auc, rmse, lr schedule), some trials FAILED or KILLED part-way. Values
 * are deterministic, so a test knows the best trial: lowest `val_loss`, highest `val_acc`.
 */
export async function seedSweep(seed: Seeder, name: string, opts: SweepOptions = {}): Promise<SeededSweep> {
  const parents = opts.parents ?? 4;
  const per = opts.childrenPerParent ?? 12;
  const steps = opts.steps ?? 40;
  const experimentId = await seed.experiment(name);
  const out: SeededSweep = { experimentId, parents: [] };
  const t0 = Date.now() - 3_600_000;
  for (let p = 0; p < parents; p++) {
    const optimizer = OPTIMIZERS[p % OPTIMIZERS.length]!;
    const parentName = `sweep-${optimizer}`;
    const { run } = await seed.post<{ run: { info: { run_id: string } } }>('runs/create', { experiment_id: experimentId, run_name: parentName, start_time: t0 + p * 1000 });
    const parentId = run.info.run_id;
    await seed.post('runs/log-batch', { run_id: parentId, params: [{ key: 'optimizer', value: optimizer }, { key: 'trials', value: String(per) }] });
    const children: SeededSweep['parents'][number]['children'] = [];
    for (let c = 0; c < per; c++) {
      const lr = Number((10 ** -(1 + ((c * 7 + p) % 5)) * (1 + (c % 3))).toPrecision(2));
      const layers = 2 + ((c + p) % 4) * 2;
      // a bowl around lr=1e-3, 6 layers, shifted per optimizer: a unique best per parent
      const quality = Math.abs(Math.log10(lr) + 3) * 0.3 + Math.abs(layers - 6) * 0.05 + p * 0.02 + c * 0.001;
      const valLoss = 0.2 + quality;
      const valAcc = Math.max(0.05, 0.98 - quality * 0.6);
      const status = c % 11 === 5 ? 'FAILED' : c % 13 === 7 ? 'KILLED' : 'FINISHED';
      const childName = `${optimizer}-lr${lr.toExponential(0)}-l${layers}`;
      const start = t0 + p * 1000 + c * 60_000;
      const { run: child } = await seed.post<{ run: { info: { run_id: string } } }>('runs/create', {
        experiment_id: experimentId, run_name: childName, start_time: start,
        tags: [{ key: 'mlflow.parentRunId', value: parentId }],
      });
      const id = child.info.run_id;
      const n = status === 'FINISHED' ? steps : Math.max(2, Math.floor(steps / 3));
      const curve = (s: number) => Math.exp(-3 * (s + 1) / steps);
      const metrics: { key: string; value: number; timestamp: number; step: number }[] = [];
      for (let s = 0; s < n; s++) {
        const at = start + s * 1000;
        const k = curve(s);
        const point = (key: string, value: number) => metrics.push({ key, value, timestamp: at, step: s });
        point('train_loss', valLoss * 0.9 + k * 2);
        point('val_loss', valLoss + k * 2);
        point('train_acc', Math.min(1, valAcc + 0.01 - k * 0.5));
        point('val_acc', valAcc - k * 0.5);
        point('val_f1', valAcc - 0.03 - k * 0.5);
        point('val_auc', Math.min(1, valAcc + 0.015 - k * 0.3));
        point('val_rmse', Math.sqrt(valLoss + k));
        point('lr', lr * (1 - s / steps));
      }
      await seed.post('runs/log-batch', {
        run_id: id,
        params: [{ key: 'lr', value: String(lr) }, { key: 'layers', value: String(layers) }, { key: 'optimizer', value: optimizer }, { key: 'seed', value: '42' }],
      });
      for (let i = 0; i < metrics.length; i += 1000) await seed.post('runs/log-batch', { run_id: id, metrics: metrics.slice(i, i + 1000) });
      await seed.post('runs/update', { run_id: id, status, end_time: start + n * 1000 });
      children.push({ id, name: childName, lr, layers, valLoss: metrics.filter((m) => m.key === 'val_loss').at(-1)!.value, valAcc: metrics.filter((m) => m.key === 'val_acc').at(-1)!.value, status });
    }
    await seed.post('runs/update', { run_id: parentId, status: 'FINISHED', end_time: t0 + p * 1000 + per * 60_000 });
    out.parents.push({ id: parentId, name: parentName, children });
  }
  return out;
}
