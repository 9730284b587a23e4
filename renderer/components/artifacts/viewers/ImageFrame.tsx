import { useState, type ReactNode } from 'react';

interface Props {
  url: string;
  alt: string;
  /** The image's size in CSS px, when known up front (else measured once it loads). */
  size?: { width: number; height: number };
  /** Said before the size in the note above the image. */
  note?: ReactNode;
}

/** An image on a checkerboard, fitted to the pane or at its actual size. */
export function ImageFrame({ url, alt, size, note }: Props) {
  const [actual, setActual] = useState(false);
  const [measured, setMeasured] = useState<{ width: number; height: number } | null>(null);
  const shown = size ?? measured;
  return (
    <div className={`image-view ${actual ? 'actual' : 'fit'}`}>
      <p className="viewer-note">
        {note}
        {shown && `${shown.width} × ${shown.height} px · `}
        <button type="button" className="link-button" onClick={() => setActual(!actual)}>
          {actual ? 'Fit to pane' : 'Actual size'}
        </button>
      </p>
      <div className="image-frame">
        <img
          src={url}
          alt={alt}
          width={size?.width}
          onLoad={(e) => setMeasured({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })}
        />
      </div>
    </div>
  );
}
