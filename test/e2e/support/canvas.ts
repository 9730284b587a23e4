import type { Locator } from 'playwright-core';

/** What a chart's canvases hold, read back with getImageData inside the page. */
export interface CanvasInk {
  canvases: number;
  /** Drawn size in device pixels of the largest canvas. */
  width: number;
  height: number;
  /** Pixels that differ from the most common colour (the background). */
  inked: number;
  /** Saturated, mostly opaque pixels: series lines and points, never grey axes, labels or grid. */
  coloured: number;
}

/**
 * Reads every <canvas> inside `chart` (an ECharts container) back through a 2D context and
 * counts the pixels that are not background, and those that are coloured. Canvases that
 * belong to the compositor only (0×0) are skipped.
 */
export function canvasInk(chart: Locator): Promise<CanvasInk> {
  return chart.evaluate((root) => {
    const result = { canvases: 0, width: 0, height: 0, inked: 0, coloured: 0 };
    for (const canvas of Array.from(root.querySelectorAll('canvas'))) {
      if (canvas.width === 0 || canvas.height === 0) continue;
      result.canvases++;
      // copy onto a fresh 2D canvas: works whatever context the chart drew with
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const ctx = copy.getContext('2d', { willReadFrequently: true })!;
      ctx.drawImage(canvas, 0, 0);
      const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
      const counts = new Map<number, number>();
      for (let i = 0; i < data.length; i += 4) {
        const key = ((data[i]! << 24) | (data[i + 1]! << 16) | (data[i + 2]! << 8) | data[i + 3]!) >>> 0;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      let background = 0;
      let most = -1;
      for (const [k, n] of counts) if (n > most) [background, most] = [k, n];
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
        const key = ((r << 24) | (g << 16) | (b << 8) | a) >>> 0;
        if (key !== background) result.inked++;
        if (a > 96 && Math.max(r, g, b) - Math.min(r, g, b) > 80) result.coloured++;
      }
      if (canvas.width * canvas.height > result.width * result.height) [result.width, result.height] = [canvas.width, canvas.height];
    }
    return result;
  });
}

/**
 * Where a chart has drawn coloured marks (series dots and lines, never grey axes or text): the
 * centres of the `cell`-pixel squares holding any, in CSS pixels from the chart's top left,
 * at most `max` of them. What a test hovers to reach a point it cannot compute the place of.
 */
export function colouredSpots(chart: Locator, cell = 6, max = 400): Promise<{ x: number; y: number }[]> {
  return chart.evaluate(
    (root, { cell, max }) => {
      const rootBox = root.getBoundingClientRect();
      const spots: { x: number; y: number }[] = [];
      for (const canvas of Array.from(root.querySelectorAll('canvas'))) {
        if (canvas.width === 0 || canvas.height === 0) continue;
        const box = canvas.getBoundingClientRect();
        const scale = canvas.width / box.width;
        const copy = document.createElement('canvas');
        copy.width = canvas.width;
        copy.height = canvas.height;
        const ctx = copy.getContext('2d', { willReadFrequently: true })!;
        ctx.drawImage(canvas, 0, 0);
        const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
        const cells = new Set<string>();
        for (let y = 0; y < copy.height; y++) {
          for (let x = 0; x < copy.width; x++) {
            const i = (y * copy.width + x) * 4;
            const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
            if (a > 96 && Math.max(r, g, b) - Math.min(r, g, b) > 80) cells.add(`${Math.floor(x / scale / cell)},${Math.floor(y / scale / cell)}`);
          }
        }
        for (const key of cells) {
          const [cx, cy] = key.split(',').map(Number) as [number, number];
          spots.push({ x: box.left - rootBox.left + (cx + 0.5) * cell, y: box.top - rootBox.top + (cy + 0.5) * cell });
          if (spots.length >= max) return spots;
        }
      }
      return spots;
    },
    { cell, max },
  );
}
