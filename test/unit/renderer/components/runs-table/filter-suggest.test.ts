import { describe, expect, it } from 'vitest';
import { acceptSuggestion, suggest, type KnownValues } from '../../../../../renderer/components/runs-table/filter-suggest';

const keys = { metrics: ['lr', 'train_loss', 'val_acc', 'val_loss', 'my metric'], params: ['layers', 'lr', 'optimizer'], tags: ['mlflow.runName', 'team'] };
const values: KnownValues = (entity, key) => (entity === 'params' && key === 'optimizer' ? ['adam', 'sgd', "it's"] : entity === 'tags' && key === 'team' ? ['vision', 'nlp'] : []);
const labels = (text: string, cursor = text.length) => suggest(text, cursor, keys, values)?.items.map((i) => i.label) ?? null;

describe('filter suggestions', () => {
  it('offers identifiers for a prefix, a bare key or part of one', () => {
    expect(labels('met')).toEqual(['metrics.lr', 'metrics.train_loss', 'metrics.val_acc', 'metrics.val_loss', 'metrics.`my metric`']);
    expect(labels('val_a')).toEqual(['metrics.val_acc']);
    expect(labels('metrics.val')).toEqual(['metrics.val_acc', 'metrics.val_loss']);
    expect(labels('params.')).toEqual(['params.layers', 'params.lr', 'params.optimizer']);
    expect(labels('tags.')).toEqual(['tags.team', 'tags.mlflow.runName']);
    expect(labels('attributes.st')).toEqual(['attributes.start_time', 'attributes.status']);
    expect(labels('lr')).toEqual(['metrics.lr', 'params.lr']);
  });

  it('keeps the prefix as typed and backquotes odd keys', () => {
    expect(labels('metric.my')).toEqual(['metric.`my metric`']);
    expect(labels('params.lr = \'1\' and metrics.`my')).toEqual(['metrics.`my metric`']);
  });

  it('offers the comparators MLflow accepts for the identifier', () => {
    expect(labels('metrics.val_acc ')).toEqual(['>', '>=', '<', '<=', '=', '!=']);
    expect(labels('params.lr ')).toEqual(['=', '!=', 'LIKE', 'ILIKE', 'IS NULL', 'IS NOT NULL']);
    expect(labels('attributes.status ')).toEqual(['=', '!=', 'LIKE', 'ILIKE']);
    expect(labels('metrics.val_acc >')).toEqual(['>', '>=']);
    expect(labels('params.lr i')).toEqual(['ILIKE', 'IS NULL', 'IS NOT NULL']);
  });

  it('offers known values, quoted, after = or != on a param, tag or status', () => {
    expect(labels('params.optimizer = ')).toEqual(["'adam'", "'sgd'", `"it's"`]);
    expect(labels("params.optimizer = 's")).toEqual(["'sgd'", `"it's"`]); // starting with it first, then holding it
    expect(labels('tags.team != nl')).toEqual(["'nlp'"]);
    expect(labels('attributes.status = ')).toEqual(["'RUNNING'", "'SCHEDULED'", "'FINISHED'", "'FAILED'", "'KILLED'"]);
    expect(labels('params.optimizer=')).toEqual(["'adam'", "'sgd'", `"it's"`]);
  });

  it('offers AND / OR after a clause', () => {
    expect(labels("params.optimizer = 'adam' o")).toEqual(['OR']);
    expect(labels('metrics.val_acc > 0.5 a')).toEqual(['AND']);
  });

  it('stays quiet where there is nothing to add', () => {
    expect(labels('')).toBeNull();
    expect(labels('metrics.val_acc > 0.5')).toBeNull();
    expect(labels("params.optimizer = 'adam'")).toBeNull();
    expect(labels("params.optimizer = 'adam' ")).toBeNull();
    expect(labels('metrics.val_acc')).toBeNull(); // only what is typed already
    expect(labels('metrics.val_acc > ')).toBeNull(); // metric values are numbers
    expect(labels('params.optimizer LIKE ')).toBeNull();
    expect(labels('zzz')).toBeNull();
    expect(labels('metrics.val_acc > 0.5 and')).toBeNull();
  });

  it('suggests at the cursor, not at the end', () => {
    const text = "params.opt = 'adam' and metrics.val_acc > 0.5";
    const s = suggest(text, 10, keys, values)!;
    expect(s.items.map((i) => i.label)).toEqual(['params.optimizer']);
    expect(acceptSuggestion(text, s, s.items[0]!)).toEqual({ text: "params.optimizer = 'adam' and metrics.val_acc > 0.5", cursor: 17 });
  });

  it('accepting puts the suggestion and a space in, the cursor after them', () => {
    const text = 'met';
    const s = suggest(text, 3, keys, values)!;
    const accepted = acceptSuggestion(text, s, s.items.find((i) => i.label === 'metrics.val_acc')!);
    expect(accepted).toEqual({ text: 'metrics.val_acc ', cursor: 16 });
    const next = suggest(accepted.text, accepted.cursor, keys, values)!;
    expect(acceptSuggestion(accepted.text, next, next.items[1]!)).toEqual({ text: 'metrics.val_acc >= ', cursor: 19 });
  });
});
