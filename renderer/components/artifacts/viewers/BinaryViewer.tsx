import { formatSize } from '../format-size';

/** What a file we do not preview shows: its size; the Download button sits in the preview header. */
export function BinaryViewer({ size }: { size: number | undefined }) {
  return (
    <div className="binary-view">
      <div className="binary-icon" aria-hidden="true">⬚</div>
      <p>Binary file · {formatSize(size)}</p>
      <p className="muted">No preview for this kind of file. Use Download to save it.</p>
    </div>
  );
}
