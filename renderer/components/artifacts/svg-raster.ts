import { rasterPlan } from './svg-raster-plan';

export type SvgRasterResult =
  | { ok: true; png: Blob; width: number; height: number }
  | { ok: false; reason: 'unreadable' | 'undrawable' };

function toDataUrl(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(new Blob([bytes], { type: 'image/svg+xml' }));
  });
}

const toPng = (canvas: HTMLCanvasElement) => new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));

/**
 * Draws an SVG to a PNG. The SVG is decoded as an image from a `data:` URL (an image runs no
 * script and loads nothing) and never gets a URL of this origin: opened in a tab of its own, a
 * same-origin `blob:` SVG would be a document of ours, with its scripts running next to the
 * token. Only the PNG reaches the page.
 */
export async function rasterizeSvg(bytes: Uint8Array<ArrayBuffer>, devicePixelRatio: number): Promise<SvgRasterResult> {
  const img = new Image();
  try {
    img.src = await toDataUrl(bytes);
    await img.decode();
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  const plan = rasterPlan({ width: img.naturalWidth, height: img.naturalHeight }, devicePixelRatio);
  try {
    const canvas = document.createElement('canvas');
    canvas.width = plan.pixelWidth;
    canvas.height = plan.pixelHeight;
    const ctx = canvas.getContext('2d');
    if (!ctx) return { ok: false, reason: 'undrawable' };
    ctx.drawImage(img, 0, 0, plan.pixelWidth, plan.pixelHeight);
    const png = await toPng(canvas); // throws SecurityError when the canvas is tainted
    return png ? { ok: true, png, width: plan.width, height: plan.height } : { ok: false, reason: 'undrawable' };
  } catch {
    return { ok: false, reason: 'undrawable' };
  }
}
