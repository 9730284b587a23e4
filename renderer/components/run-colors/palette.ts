import { contrastRatio, deltaE, oklchToHex } from './color-space';

/**
 * The first colours runs get: Okabe & Ito's blue, vermillion, bluish green and reddish purple,
 * then colours chosen one at a time to be as far as possible (in OKLab) from those before them,
 * the first eight also as seen with protanopia and deuteranopia. Every one keeps a 2.6:1
 * contrast on white and 3:1 on the dark theme's panels, so a line or dot reads on both.
 * test/unit/renderer/components/run-colors/palette.test.ts holds the numbers to these claims.
 */
export const RUN_PALETTE: readonly string[] = [
  '#0072b2', '#d55e00', '#009e73', '#cc79a7', '#8968f4', '#2ea2e5',
  '#cf961d', '#bb3398', '#7b6c01', '#9d606a', '#e3406a', '#46b427',
];

/** Candidates for colours past the palette: OKLCH hues 10° apart at three lightnesses, as much chroma as sRGB shows. */
function candidates(): string[] {
  const out: string[] = [];
  for (const lightness of [0.56, 0.63, 0.7])
    for (let hue = 0; hue < 360; hue += 10) {
      let hex: string | null = null;
      for (let chroma = 0.17; hex === null && chroma > 0.05; chroma -= 0.01) hex = oklchToHex(lightness, chroma, hue);
      if (hex && contrastRatio(hex, '#ffffff') >= 2.3 && contrastRatio(hex, '#1d2129') >= 3) out.push(hex);
    }
  return out;
}

/**
 * `count` more colours past `after` (the palette): each the candidate farthest (in OKLab) from
 * every colour before it, so they stay as distinct as what is left allows.
 */
export function generatedColors(count: number, after: readonly string[] = RUN_PALETTE): string[] {
  const pool = candidates();
  const chosen = [...after];
  const nearest = pool.map((c) => Math.min(...chosen.map((p) => deltaE(c, p))));
  const out: string[] = [];
  for (let n = 0; n < count && pool.length > 0; n++) {
    let best = 0;
    for (let i = 1; i < pool.length; i++) if (nearest[i]! > nearest[best]!) best = i;
    const pick = pool[best]!;
    out.push(pick);
    for (let i = 0; i < pool.length; i++) nearest[i] = Math.min(nearest[i]!, deltaE(pool[i]!, pick));
  }
  return out;
}

/** Every colour the assigner hands out, best first; past these, colours are shared. */
export const RUN_COLORS: readonly string[] = [...RUN_PALETTE, ...generatedColors(12)];
