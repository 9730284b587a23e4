import { useEffect, useMemo, useState } from 'react';
import { useApp } from '../../app-context';
import { createArtifactPreviewStore } from '../../state/artifacts-preview-store';
import { createArtifactTreeStore } from '../../state/artifacts-tree-store';
import { ArtifactPreview } from '../artifacts/ArtifactPreview';
import { ArtifactTree } from '../artifacts/ArtifactTree';
import { modelFilesClient } from './model-files-client';
import '../artifacts/artifacts.css';

/** A logged model's files, browsed and previewed as a run's artifacts are (they live under the model, not its run). */
export function LoggedModelFiles({ modelId }: { modelId: string }) {
  const { api } = useApp();
  const files = useMemo(() => modelFilesClient(api, modelId), [api, modelId]);
  const [tree] = useState(() => createArtifactTreeStore(files, modelId));
  const [preview] = useState(() => createArtifactPreviewStore(files, modelId));
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => tree.getState().watch(), [tree]);

  return (
    <div className="artifact-browser" data-testid="logged-model-files">
      <div className="artifact-side">
        <div className="artifact-side-head">
          <span>Files</span>
          <button type="button" title="Re-read the model's folders" onClick={() => void tree.getState().refresh()}>Refresh</button>
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
      <ArtifactPreview store={preview} runId={modelId} modelUri={`models:/${modelId}`} />
    </div>
  );
}
