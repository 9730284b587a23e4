import { saveBytes } from '../download';
import { useSvgRaster } from '../use-svg-raster';
import { ImageFrame } from './ImageFrame';

const WHY = {
  unreadable: 'This SVG could not be read as an image.',
  undrawable: 'This SVG could not be turned into a picture here.',
};

/**
 * An SVG shown as a PNG drawn from it: what is on screen (and what "Open image in new tab"
 * opens) is a plain picture, so nothing in the file ever runs in the app's origin.
 */
export function SvgViewer({ bytes, alt }: { bytes: Uint8Array<ArrayBuffer>; alt: string }) {
  const raster = useSvgRaster(bytes);
  if (raster.status === 'drawing') return <p className="viewer-note">Drawing the SVG…</p>;
  if (raster.status === 'failed') {
    return (
      <div className="binary-view" data-testid="svg-failed">
        <p>{WHY[raster.reason]}</p>
        <p className="muted">
          <button type="button" className="link-button" onClick={() => saveBytes(bytes, alt)}>
            Download it
          </button>{' '}
          to open it in another program.
        </p>
      </div>
    );
  }
  return <ImageFrame url={raster.url} alt={alt} size={raster} note="SVG shown as a picture · " />;
}
