/**
 * Colour arithmetic for run colours: sRGB hex ↔ OKLab/OKLCH (Björn Ottosson's perceptual space,
 * where a Euclidean distance is a fair "how different do these look"), WCAG contrast, and a
 * simulation of colour-blind vision (Machado et al. 2009, full severity). Pure functions.
 */

export type Rgb = readonly [number, number, number];
export type Lab = readonly [number, number, number];

const HEX = /^#[0-9a-f]{6}$/i;
export const isHexColor = (s: unknown): s is string => typeof s === 'string' && HEX.test(s);

/** '#rrggbb' → sRGB channels in 0..1. */
export function hexToRgb(hex: string): Rgb {
  if (!isHexColor(hex)) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as unknown as Rgb;
}

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const toGamma = (c: number) => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
const linearOf = (hex: string) => hexToRgb(hex).map(toLinear) as unknown as Rgb;

function linearToOklab([r, g, b]: Rgb): Lab {
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return [
    0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
  ];
}

function oklabToLinear([L, a, b]: Lab): Rgb {
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
  return [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
}

/** How colour-blind eyes see linear sRGB: Machado, Oliveira & Fernandes (2009), severity 1. */
export const VISION = {
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
} as const;
export type Deficiency = keyof typeof VISION;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** A colour in OKLab, as seen with normal vision or with `deficiency`. */
export function hexToOklab(hex: string, deficiency?: Deficiency): Lab {
  let rgb = linearOf(hex);
  if (deficiency) rgb = VISION[deficiency].map((row) => clamp01(row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2])) as unknown as Rgb;
  return linearToOklab(rgb);
}

/** Perceptual difference ×100 (ΔE in OKLab; about 2 is just noticeable). */
export function deltaE(a: string, b: string, deficiency?: Deficiency): number {
  const p = hexToOklab(a, deficiency);
  const q = hexToOklab(b, deficiency);
  return 100 * Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

/** OKLCH (lightness 0..1, chroma, hue in degrees) → '#rrggbb', or null when outside sRGB. */
export function oklchToHex(l: number, c: number, hueDeg: number): string | null {
  const h = (hueDeg * Math.PI) / 180;
  const rgb = oklabToLinear([l, c * Math.cos(h), c * Math.sin(h)]);
  if (rgb.some((v) => v < -1e-4 || v > 1 + 1e-4)) return null;
  return `#${rgb.map((v) => Math.round(toGamma(clamp01(v)) * 255).toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG 2 contrast ratio of two colours (1..21). */
export function contrastRatio(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, b2] = linearOf(hex);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b2;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
