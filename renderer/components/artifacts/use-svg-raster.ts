import { useEffect, useState } from 'react';
import { rasterizeSvg } from './svg-raster';

export type SvgRaster =
  | { status: 'drawing' }
  | { status: 'ready'; url: string; width: number; height: number }
  | { status: 'failed'; reason: 'unreadable' | 'undrawable' };

/** An SVG drawn to a PNG `blob:` URL, redrawn when the bytes change, revoked on unmount. */
export function useSvgRaster(bytes: Uint8Array<ArrayBuffer>): SvgRaster {
  const [state, setState] = useState<SvgRaster>({ status: 'drawing' });
  useEffect(() => {
    let cancelled = false;
    let url: string | null = null;
    setState({ status: 'drawing' });
    void rasterizeSvg(bytes, window.devicePixelRatio).then((r) => {
      if (cancelled) return;
      if (!r.ok) return setState({ status: 'failed', reason: r.reason });
      url = URL.createObjectURL(r.png);
      setState({ status: 'ready', url, width: r.width, height: r.height });
    });
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [bytes]);
  return state;
}
