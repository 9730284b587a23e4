import { useEffect, useState } from 'react';
import { useApp } from '../../app-context';
import { createArtifactPreviewStore } from '../../state/artifacts-preview-store';
import { createArtifactTreeStore } from '../../state/artifacts-tree-store';
import { ArtifactPreview } from './ArtifactPreview';
import { ArtifactTree } from './ArtifactTree';
import './artifacts.css';

/**
 * A run's artifacts: the lazily listed tree on the left, the selected file's preview on the right.
 * `running`: the run is still running, so a text file shown is re-read as it grows.
 */
export function ArtifactBrowser({ runId, running = false }: { runId: string; running?: boolean }) {
  const { api } = useApp();
  const [tree] = useState(() => createArtifactTreeStore(api, runId));
  const [preview] = useState(() => createArtifactPreviewStore(api, runId));
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => tree.getState().watch(), [tree]);

  return (
    <div className="artifact-browser">
      <div className="artifact-side">
        <div className="artifact-side-head">
          <span>Artifacts</span>
          <button type="button" title="Re-read the artifact folders" onClick={() => void tree.getState().refresh()}>Refresh</button>
        </div>
        <ArtifactTree
          tree={tree}
          selected={selected}
          onSelect={(f) => {
            setSelected(f.path);
            void preview.getState().select(f.path, f.file_size);
          }}
        />
      </div>
      <ArtifactPreview store={preview} runId={runId} running={running} />
    </div>
  );
}
