import { describe, expect, it } from 'vitest';
import { MAX_RASTER_SIDE, rasterPlan } from '../../../../../renderer/components/artifacts/svg-raster-plan';

describe('rasterPlan (the size an SVG preview is drawn at)', () => {
  it('draws at the SVG size times the device pixel ratio, and reports the SVG size', () => {
    expect(rasterPlan({ width: 40, height: 30 }, 1)).toEqual({ width: 40, height: 30, pixelWidth: 40, pixelHeight: 30 });
    expect(rasterPlan({ width: 40, height: 30 }, 2)).toEqual({ width: 40, height: 30, pixelWidth: 80, pixelHeight: 60 });
    expect(rasterPlan({ width: 40, height: 30 }, 0.5)).toMatchObject({ pixelWidth: 40, pixelHeight: 30 }); // never below 1:1
  });

  it('caps the longest side, keeping the aspect ratio', () => {
    expect(rasterPlan({ width: 10_000, height: 5_000 }, 1)).toEqual({ width: 10_000, height: 5_000, pixelWidth: MAX_RASTER_SIDE, pixelHeight: MAX_RASTER_SIDE / 2 });
    expect(rasterPlan({ width: 3_000, height: 1_000 }, 2)).toMatchObject({ pixelWidth: 4096, pixelHeight: 1365 });
    expect(rasterPlan({ width: 1_000_000, height: 1 }, 1)).toMatchObject({ pixelWidth: 4096, pixelHeight: 1 });
  });

  it('uses the CSS default size for an SVG that gives none, and ignores a nonsense ratio', () => {
    expect(rasterPlan({ width: 0, height: 0 }, 1)).toEqual({ width: 300, height: 150, pixelWidth: 300, pixelHeight: 150 });
    expect(rasterPlan({ width: 120, height: 0 }, Number.NaN)).toEqual({ width: 300, height: 150, pixelWidth: 300, pixelHeight: 150 });
  });
});
