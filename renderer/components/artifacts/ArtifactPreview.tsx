import { useArtifactPreview, type ArtifactPreviewStore } from '../../state/artifacts-preview-store';
import { ErrorNote } from '../ErrorNote';
import { baseName } from './artifact-paths';
import { DownloadButton } from './DownloadButton';
import { formatSize } from './format-size';
import { PREVIEW_LIMIT } from './limits';
import { PreviewBody } from './PreviewBody';
import { NEEDS_WHOLE_FILE, viewerForName } from './viewer-choice';

/** The right-hand pane: the selected file's name, size and download, and its preview. */
export function ArtifactPreview({ store, runId }: { store: ArtifactPreviewStore; runId: string }) {
  const path = useArtifactPreview(store, (s) => s.path);
  const size = useArtifactPreview(store, (s) => s.size);
  const view = useArtifactPreview(store, (s) => s.view);
  const load = (whole: boolean) => void store.getState().load(whole);

  if (path === null) {
    return (
      <div className="artifact-preview empty" data-testid="artifact-preview">
        <p className="muted">Select a file to preview it.</p>
      </div>
    );
  }
  const ready = view.status === 'ready' ? view : null;
  const needsAll = ready?.truncated && NEEDS_WHOLE_FILE.has(ready.choice.kind);
  return (
    <div className="artifact-preview" data-testid="artifact-preview" data-viewer={ready && !needsAll ? ready.choice.kind : undefined} data-path={path}>
      <header className="preview-head">
        <div className="preview-title">
          <strong>{baseName(path)}</strong>
          <span className="muted">{path}</span>
        </div>
        <span className="muted">{formatSize(size)}</span>
        <DownloadButton store={store} path={path} />
      </header>
      {ready?.truncated && !needsAll && (
        <p className="viewer-note" data-testid="artifact-truncated">
          Showing the first {formatSize(ready.bytes?.length)} of {formatSize(ready.size)}.{' '}
          <button type="button" className="link-button" onClick={() => load(true)}>Load all</button>
        </p>
      )}
      <div className="preview-body">
        {view.status === 'loading' && <p className="muted">Loading…</p>}
        {view.status === 'error' && <ErrorNote message={view.message} />}
        {(view.status === 'confirm' || needsAll) && (
          <div className="load-prompt">
            <p>
              This file is {formatSize(size)}. Files over {formatSize(PREVIEW_LIMIT)} load only when you ask.
            </p>
            <button type="button" className="primary" onClick={() => load(true)} data-testid="artifact-load">Load ({formatSize(size)})</button>
            {!NEEDS_WHOLE_FILE.has(viewerForName(path)?.kind ?? 'code') && !needsAll && (
              <button type="button" onClick={() => load(false)}>Load the first {formatSize(PREVIEW_LIMIT)}</button>
            )}
          </div>
        )}
        {ready && !needsAll && <PreviewBody runId={runId} path={path} choice={ready.choice} bytes={ready.bytes} size={ready.size} truncated={ready.truncated} onLoadWhole={() => load(true)} />}
      </div>
    </div>
  );
}
