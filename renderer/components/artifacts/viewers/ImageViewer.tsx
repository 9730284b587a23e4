import { useState } from 'react';
import { useBlobUrl } from '../use-blob-url';

/**
 * An image from a blob: URL typed by its sniffed kind. SVG too goes through <img>, where it
 * cannot run scripts or load anything; it is never inlined into the page.
 */
export function ImageViewer({ bytes, mime, alt }: { bytes: Uint8Array<ArrayBuffer>; mime: string; alt: string }) {
  const url = useBlobUrl(bytes, mime);
  const [actual, setActual] = useState(false);
  const [size, setSize] = useState<string | null>(null);
  if (!url) return null;
  return (
    <div className={`image-view ${actual ? 'actual' : 'fit'}`}>
      <p className="viewer-note">
        {size && `${size} px · `}
        <button type="button" className="link-button" onClick={() => setActual(!actual)}>
          {actual ? 'Fit to pane' : 'Actual size'}
        </button>
      </p>
      <div className="image-frame">
        <img src={url} alt={alt} onLoad={(e) => setSize(`${e.currentTarget.naturalWidth} × ${e.currentTarget.naturalHeight}`)} />
      </div>
    </div>
  );
}
