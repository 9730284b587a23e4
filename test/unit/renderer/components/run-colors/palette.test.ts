import { describe, expect, it } from 'vitest';
import { contrastRatio, deltaE, isHexColor, type Deficiency } from '../../../../../renderer/components/run-colors/color-space';
import { generatedColors, RUN_COLORS, RUN_PALETTE } from '../../../../../renderer/components/run-colors/palette';

/** The smallest difference between any two of `colors`, and the pair. */
function closestPair(colors: readonly string[], deficiency?: Deficiency): { d: number; pair: string } {
  let best = { d: Infinity, pair: '' };
  for (let i = 0; i < colors.length; i++)
    for (let j = i + 1; j < colors.length; j++) {
      const d = deltaE(colors[i]!, colors[j]!, deficiency);
      if (d < best.d) best = { d, pair: `${colors[i]} ${colors[j]}` };
    }
  return best;
}

/** The themes' backgrounds and panels (renderer/styles.css --bg, --bg-soft), with the contrast each needs. */
const BACKGROUNDS: [string, number][] = [['#ffffff', 2.6], ['#f4f5f7', 2.35], ['#15181e', 3.3], ['#1d2129', 3]];

describe('run colour palette', () => {
  it('has 12 colours, every pair far apart in OKLab (ΔE ≥ 11)', () => {
    expect(RUN_PALETTE).toHaveLength(12);
    expect(new Set(RUN_PALETTE).size).toBe(12);
    const { d, pair } = closestPair(RUN_PALETTE);
    expect(d, pair).toBeGreaterThanOrEqual(11);
  });

  it('keeps its first eight apart for protanopia and deuteranopia too (ΔE ≥ 7)', () => {
    for (const deficiency of ['protanopia', 'deuteranopia'] as const) {
      const { d, pair } = closestPair(RUN_PALETTE.slice(0, 8), deficiency);
      expect(d, `${deficiency}: ${pair}`).toBeGreaterThanOrEqual(7);
    }
  });

  it('reads on the light and the dark theme: contrast ≥ 2.6 on white, ≥ 3 on the dark panels', () => {
    for (const c of RUN_PALETTE) for (const [bg, min] of BACKGROUNDS) expect(contrastRatio(c, bg), `${c} on ${bg}`).toBeGreaterThanOrEqual(min);
  });

  it('generates 12 more colours past the palette: all 24 still apart (ΔE ≥ 7) and readable on both themes', () => {
    const extra = generatedColors(12);
    expect(extra.every(isHexColor)).toBe(true);
    expect(RUN_COLORS).toEqual([...RUN_PALETTE, ...extra]);
    const { d, pair } = closestPair(RUN_COLORS);
    expect(d, pair).toBeGreaterThanOrEqual(7);
    for (const c of extra) {
      expect(contrastRatio(c, '#ffffff'), c).toBeGreaterThanOrEqual(2.3);
      expect(contrastRatio(c, '#1d2129'), c).toBeGreaterThanOrEqual(3);
    }
  });
});
