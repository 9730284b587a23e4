/**
 * Over a JSON or YAML preview that holds only the start of the file: the text is shown as it
 * is, because whether the document is valid can only be told from the whole file.
 */
export function PartialPreviewNote({ format, onLoadWhole }: { format: 'JSON' | 'YAML'; onLoadWhole?: (() => void) | undefined }) {
  return (
    <p className="viewer-note" data-testid="artifact-partial-note">
      This preview is only the start of the file, so it is shown as text: {format} can only be checked on the whole file.
      {onLoadWhole && (
        <>
          {' '}
          <button type="button" className="link-button" onClick={onLoadWhole}>Load the whole file</button>
        </>
      )}
    </p>
  );
}
