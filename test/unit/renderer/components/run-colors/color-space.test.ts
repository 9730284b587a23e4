import { describe, expect, it } from 'vitest';
import { contrastRatio, deltaE, hexToOklab, hexToRgb, oklchToHex } from '../../../../../renderer/components/run-colors/color-space';

describe('colour space', () => {
  it('reads hex and refuses what is not #rrggbb', () => {
    expect(hexToRgb('#ff8000')).toEqual([1, 128 / 255, 0]);
    expect(() => hexToRgb('red')).toThrow();
  });

  it('puts white at L=1 and black at L=0 in OKLab, grey without hue', () => {
    expect(hexToOklab('#ffffff')[0]).toBeCloseTo(1, 3);
    expect(hexToOklab('#000000')[0]).toBeCloseTo(0, 6);
    const [, a, b] = hexToOklab('#808080');
    expect(Math.abs(a) + Math.abs(b)).toBeLessThan(1e-3);
  });

  it('round-trips OKLCH to hex, and says when a colour is outside sRGB', () => {
    const [L, a, b] = hexToOklab('#0072b2');
    const hex = oklchToHex(L, Math.hypot(a, b), (Math.atan2(b, a) * 180) / Math.PI);
    expect(hex).toBe('#0072b2');
    expect(oklchToHex(0.9, 0.4, 30)).toBeNull();
  });

  it('measures differences: the same colour 0, black and white 100; red and green collapse for deuteranopes', () => {
    expect(deltaE('#123456', '#123456')).toBe(0);
    expect(deltaE('#000000', '#ffffff')).toBeCloseTo(100, 1);
    expect(deltaE('#d62728', '#2ca02c', 'deuteranopia')).toBeLessThan(deltaE('#d62728', '#2ca02c') / 2);
  });

  it('computes WCAG contrast: 21 for black on white, 1 for a colour on itself', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
  });
});
