/** The longest side, in pixels, an SVG preview is drawn at. */
export const MAX_RASTER_SIDE = 4096;

/** What CSS sizes a replaced element that says nothing about its size. */
const DEFAULT_SIZE = { width: 300, height: 150 };

export interface RasterPlan {
  /** The SVG's own size (CSS px): what "actual size" shows and the note reports. */
  width: number;
  height: number;
  /** The canvas drawn: the SVG's size times the device pixel ratio, the longest side capped. */
  pixelWidth: number;
  pixelHeight: number;
}

const usable = (n: number) => Number.isFinite(n) && n > 0;

/**
 * The size to draw an SVG at, from the size its decoded image reports (0 when the SVG gives
 * none). Sharp on a high-density screen, never more than `maxSide` pixels on a side.
 */
export function rasterPlan(natural: { width: number; height: number }, devicePixelRatio: number, maxSide = MAX_RASTER_SIDE): RasterPlan {
  const both = usable(natural.width) && usable(natural.height);
  const width = both ? natural.width : DEFAULT_SIZE.width;
  const height = both ? natural.height : DEFAULT_SIZE.height;
  const density = usable(devicePixelRatio) ? Math.max(1, devicePixelRatio) : 1;
  const scale = Math.min(density, maxSide / Math.max(width, height));
  return {
    width,
    height,
    pixelWidth: Math.max(1, Math.min(maxSide, Math.round(width * scale))),
    pixelHeight: Math.max(1, Math.min(maxSide, Math.round(height * scale))),
  };
}
