import { describe, expect, it } from 'vitest';
import { parseRunsFilter, type SearchError } from '../../../../../shared/search';
import { didYouMean } from '../../../../../renderer/components/runs-table/filter-did-you-mean';
import { editDistance } from '../../../../../renderer/components/runs-table/edit-distance';

const keys = { metrics: ['lr', 'Val_F1', 'val_acc', 'val_loss'], params: ['lr', 'optimizer', 'my param'], tags: ['team'] };

function fix(text: string) {
  const parsed = parseRunsFilter(text);
  if (parsed.ok) throw new Error(`${text} parsed`);
  return didYouMean(text, parsed.error, keys);
}

describe('did you mean', () => {
  it('names the metric a bare key meant, and the rewrite parses', () => {
    const d = fix('val_acc > 0.9');
    expect(d).toEqual({ identifier: 'metrics.val_acc', text: 'metrics.val_acc > 0.9' });
    expect(parseRunsFilter(d!.text).ok).toBe(true);
  });

  it('prefers a metric for a number and a param or tag for a quoted string', () => {
    expect(fix('lr = 0.01')?.text).toBe('metrics.lr = 0.01');
    expect(fix("lr = '0.01'")?.text).toBe("params.lr = '0.01'");
    expect(fix("team LIKE 'vis%'")?.text).toBe("tags.team LIKE 'vis%'");
  });

  it('quotes a bare number compared with a param', () => {
    const d = fix('optimizer = 1');
    expect(d?.text).toBe("params.optimizer = '1'");
    expect(parseRunsFilter(d!.text).ok).toBe(true);
  });

  it('matches exactly, then ignoring case, then within a small edit distance', () => {
    expect(fix('val_f1 > 0.5')?.identifier).toBe('metrics.Val_F1');
    expect(fix('val_acc > 0.5')?.identifier).toBe('metrics.val_acc');
    expect(fix('val_acx > 0.5')?.identifier).toBe('metrics.val_acc');
    expect(fix('vall_los > 0.5')?.identifier).toBe('metrics.val_loss');
    expect(fix('accuracy > 0.5')).toBeNull();
  });

  it('rewrites only the bad clause and backquotes odd keys', () => {
    expect(fix("metrics.val_loss < 1 and `my param` = 'x'")?.text).toBe("metrics.val_loss < 1 and params.`my param` = 'x'");
  });

  it('corrects a misspelt prefix, keeping the key as written', () => {
    expect(fix('metrcs.val_acc > 0.9')).toEqual({ identifier: 'metrics.val_acc', text: 'metrics.val_acc > 0.9' });
    expect(fix("tgs.`my key` = 'a'")).toEqual({ identifier: 'tags.`my key`', text: "tags.`my key` = 'a'" });
    expect(fix('zzzzzz.val_acc > 0.9')).toBeNull();
  });

  it('quotes a bare number compared with a param that has its prefix', () => {
    const d = fix('params.lr = 0.01');
    expect(d).toEqual({ identifier: "'0.01'", text: "params.lr = '0.01'" });
    expect(parseRunsFilter(d!.text).ok).toBe(true);
  });

  it('leaves other errors alone', () => {
    const error: SearchError = { message: 'Invalid clause(s) in filter string', offset: 0, length: 3 };
    expect(didYouMean('abc', error, keys)).toBeNull();
    expect(fix('metrics.val_acc >')).toBeNull();
  });

  it('counts edits', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });
});
