import { useCallback } from 'react';
import { useArtifactPreview, type ArtifactPreviewStore } from '../../state/artifacts-preview-store';
import { ErrorNote } from '../ErrorNote';
import { baseName } from './artifact-paths';
import { DownloadButton } from './DownloadButton';
import { formatSize } from './format-size';
import { FOLLOW_POLL_MS, PREVIEW_LIMIT, TAIL_READ } from './limits';
import { PreviewBody } from './PreviewBody';
import { usePolling } from './use-polling';
import { NEEDS_WHOLE_FILE, viewerForName } from './viewer-choice';

/** The right-hand pane: the selected file's name, size and download, and its preview. */
export function ArtifactPreview({ store, runId, running = false, modelUri }: { store: ArtifactPreviewStore; runId: string; running?: boolean; modelUri?: string }) {
  const path = useArtifactPreview(store, (s) => s.path);
  const size = useArtifactPreview(store, (s) => s.size);
  const view = useArtifactPreview(store, (s) => s.view);
  const following = useArtifactPreview(store, (s) => s.following);
  const load = (whole: boolean) => void store.getState().load(whole);
  const tail = useCallback(() => void store.getState().tail(), [store]);
  const follow = useCallback((on: boolean) => void store.getState().setFollowing(on), [store]);
  const poll = useCallback(() => void store.getState().poll(), [store]);
  // a text file is re-read every 2 s while its run is running or while it is followed
  usePolling(view.status === 'ready' && view.choice.kind === 'code' && (running || following), poll, FOLLOW_POLL_MS);

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
      {(ready?.truncated || (ready && ready.offset > 0)) && !needsAll && (
        <p className="viewer-note" data-testid="artifact-truncated">
          Showing the {ready.offset > 0 ? 'last' : 'first'} {formatSize(ready.bytes?.length)} of {formatSize(ready.size)}.{' '}
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
              <>
                <button type="button" onClick={() => load(false)} data-testid="artifact-load-start">Load the first {formatSize(PREVIEW_LIMIT)}</button>
                <button type="button" onClick={tail} data-testid="artifact-load-end">Load the last {formatSize(TAIL_READ)} (the end of a log)</button>
              </>
            )}
          </div>
        )}
        {ready && !needsAll && (
          <PreviewBody
            runId={runId}
            modelUri={modelUri}
            path={path}
            choice={ready.choice}
            bytes={ready.bytes}
            size={ready.size}
            truncated={ready.truncated}
            offset={ready.offset}
            onLoadWhole={() => load(true)}
            following={following}
            onTail={tail}
            onFollow={follow}
          />
        )}
      </div>
    </div>
  );
}
