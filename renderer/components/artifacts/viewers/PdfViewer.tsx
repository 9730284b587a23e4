import { useBlobUrl } from '../use-blob-url';

/**
 * A PDF in the browser's own viewer, from a blob: URL typed application/pdf (only bytes that
 * start with `%PDF-` get here; see viewer-choice.ts), so it is never parsed as HTML.
 */
export function PdfViewer({ bytes, title }: { bytes: Uint8Array<ArrayBuffer>; title: string }) {
  const url = useBlobUrl(bytes, 'application/pdf');
  if (!url) return null;
  return (
    <div className="pdf-view">
      <iframe src={url} title={title} />
    </div>
  );
}
