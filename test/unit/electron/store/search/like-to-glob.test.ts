import { describe, expect, it } from 'vitest';
import { likeToGlob } from '../../../../../electron/store/search/like-to-glob';
import { trackingDb } from './fixtures';

describe('likeToGlob', () => {
  it.each([
    ['a%', 'a*'],
    ['_b_', '?b?'],
    ['a*b?c[d]', 'a[*]b[?]c[[]d]'],
    ['100%', '100*'],
    ['\\%', '\\*'],
  ])('%s → %s', (like, glob) => {
    expect(likeToGlob(like)).toBe(glob);
  });

  it('matches exactly what case-sensitive LIKE matches', async () => {
    const db = await trackingDb();
    const values = ['abc', 'ABC', 'a*c', 'a?c', 'a[c', 'a]c', 'ab', 'xabcx', 'é', 'É', ''];
    const patterns = ['a%', 'A%', '%b%', 'a_c', 'a*c', 'a?%', '%[%', '%]%', '_', '', '%', 'é', 'x%x'];
    // Reference semantics on this throwaway connection only; the compiler never sets the pragma.
    db.exec('PRAGMA case_sensitive_like = true');
    const one = (sql: string, params: string[]) => db.exec(sql, params)[0]?.values[0]?.[0];
    for (const p of patterns) {
      for (const v of values) {
        expect(one('SELECT ? GLOB ?', [v, likeToGlob(p)]), `${JSON.stringify(v)} LIKE ${JSON.stringify(p)}`).toBe(
          one('SELECT ? LIKE ?', [v, p]),
        );
      }
    }
  });
});
