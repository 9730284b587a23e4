import { describe, expect, it } from 'vitest';
import { shouldShowPage } from '../../../../renderer/state/runs-load-pacing';

/** The counts shown while pages of these sizes arrive one after another. */
function shownCounts(pages: number[]): number[] {
  const out: number[] = [];
  let read = 0;
  let shown = 0;
  pages.forEach((size, i) => {
    read += size;
    if (shouldShowPage(shown, read, i === pages.length - 1)) {
      shown = read;
      out.push(read);
    }
  });
  return out;
}

describe('runs load pacing', () => {
  it('shows the first page, then whenever the runs read have doubled, and the last page', () => {
    expect(shownCounts([100, ...Array(49).fill(1000), 900])).toEqual([100, 1100, 3100, 7100, 15100, 31100, 50000]);
  });

  it('shows every page of a short list that doubles each time, and a single page once', () => {
    expect(shownCounts([100, 1000, 1000])).toEqual([100, 1100, 2100]);
    expect(shownCounts([40])).toEqual([40]);
  });

  it('shows an empty first page (no runs match) and an empty last one', () => {
    expect(shouldShowPage(0, 0, false)).toBe(true);
    expect(shouldShowPage(5000, 5000, true)).toBe(true);
    expect(shouldShowPage(5000, 9000, false)).toBe(false);
  });

  it('keeps the work of showing a long list to a few times its length', () => {
    const shown = shownCounts([100, ...Array(499).fill(1000)]);
    const handled = shown.reduce((n, c) => n + c, 0);
    expect(handled).toBeLessThan(3 * shown.at(-1)!);
    expect(shown.length).toBeLessThan(12);
  });
});
