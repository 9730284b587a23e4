import { useEffect, useState } from 'react';
import type { Client } from '../../api/client';
import { useApp } from '../../app-context';
import { createArtifactPreviewStore } from '../../state/artifacts-preview-store';
import { createArtifactTreeStore } from '../../state/artifacts-tree-store';
import { ArtifactPreview } from './ArtifactPreview';
import { ArtifactTree } from './ArtifactTree';
import './artifacts.css';

interface Props {
  runId: string;
  /** The run is still running, so a text file shown is re-read as it grows. */
  running?: boolean;
  /** Where the files are listed and read from when not the run's artifacts (a logged model's files). */
  client?: Client;
  /** How to load a model found here, when not `runs:/…`. */
  modelUri?: string;
  title?: string;
  testId?: string;
}

/** A run's artifacts (or another owner's files): the lazily listed tree on the left, the selected file's preview on the right. */
export function ArtifactBrowser({ runId, running = false, client, modelUri, title = 'Artifacts', testId }: Props) {
  const { api } = useApp();
  const files = client ?? api;
  const [tree] = useState(() => createArtifactTreeStore(files, runId));
  const [preview] = useState(() => createArtifactPreviewStore(files, runId));
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => tree.getState().watch(), [tree]);

  return (
    <div className="artifact-browser" data-testid={testId}>
      <div className="artifact-side">
        <div className="artifact-side-head">
          <span>{title}</span>
          <button type="button" title={`Re-read the ${title.toLowerCase()} folders`} onClick={() => void tree.getState().refresh()}>Refresh</button>
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
      <ArtifactPreview store={preview} runId={runId} running={running} {...(modelUri ? { modelUri } : {})} />
    </div>
  );
}
