import { useBlobUrl } from '../use-blob-url';
import { ImageFrame } from './ImageFrame';

/**
 * A raster image (PNG, JPEG, GIF, WebP …) from a blob: URL typed by its sniffed kind. SVG,
 * which is a document and can carry script, goes to SvgViewer instead.
 */
export function ImageViewer({ bytes, mime, alt }: { bytes: Uint8Array<ArrayBuffer>; mime: string; alt: string }) {
  const url = useBlobUrl(bytes, mime);
  if (!url) return null;
  return <ImageFrame url={url} alt={alt} />;
}
