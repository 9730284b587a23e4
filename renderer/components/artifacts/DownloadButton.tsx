import { useState } from 'react';
import type { ArtifactPreviewStore } from '../../state/artifacts-preview-store';
import { saveBytes } from './download';

/** Reads the selected file whole and saves it; errors (e.g. over 64 MB) show beside the button. */
export function DownloadButton({ store, path }: { store: ArtifactPreviewStore; path: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      saveBytes(await store.getState().readWhole(), path);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="download">
      <button type="button" onClick={() => void download()} disabled={busy} data-testid="artifact-download">
        {busy ? 'Downloading…' : 'Download'}
      </button>
      {error && <span className="download-error" role="alert">{error}</span>}
    </span>
  );
}
