import { oklchToHex } from './color-space';

/**
 * The first colours runs get: Okabe & Ito's blue, vermillion, bluish green and reddish purple,
 * then colours chosen one at a time to be as far as possible (in OKLab) from those before them,
 * the first eight also as seen with protanopia and deuteranopia. Every one keeps a 2.6:1
 * contrast on white and 3:1 on the dark theme's panels, so a line or dot reads on both.
 * test/unit/renderer/components/run-colors-palette.test.ts holds the numbers to these claims.
 */
export const RUN_PALETTE: readonly string[] = [
  '#0072b2', '#d55e00', '#009e73', '#cc79a7', '#8968f4', '#2ea2e5',
  '#cf961d', '#bb3398', '#7b6c01', '#9d606a', '#e3406a', '#46b427',
];

const GOLDEN_ANGLE = 137.508;

/**
 * `count` more colours past the palette: hues a golden angle apart in OKLCH, alternating two
 * lightnesses that keep the palette's contrast, with the chroma lowered until sRGB can show it.
 */
export function generatedColors(count: number, firstHue = 20): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const hue = (firstHue + i * GOLDEN_ANGLE) % 360;
    const lightness = i % 2 === 0 ? 0.6 : 0.68;
    let hex: string | null = null;
    for (let chroma = 0.15; hex === null && chroma > 0; chroma -= 0.01) hex = oklchToHex(lightness, chroma, hue);
    out.push(hex ?? oklchToHex(lightness, 0, 0)!);
  }
  return out;
}

/** Every colour the assigner hands out, best first; past these, colours are shared. */
export const RUN_COLORS: readonly string[] = [...RUN_PALETTE, ...generatedColors(12)];
