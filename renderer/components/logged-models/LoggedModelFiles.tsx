import { useMemo } from 'react';
import { useApp } from '../../app-context';
import { ArtifactBrowser } from '../artifacts/ArtifactBrowser';
import { modelFilesClient } from './model-files-client';

/** A logged model's files, browsed and previewed as a run's artifacts are (they live under the model, not its run). */
export function LoggedModelFiles({ modelId }: { modelId: string }) {
  const { api } = useApp();
  const files = useMemo(() => modelFilesClient(api, modelId), [api, modelId]);
  return <ArtifactBrowser key={modelId} runId={modelId} client={files} modelUri={`models:/${modelId}`} title="Files" testId="logged-model-files" />;
}
