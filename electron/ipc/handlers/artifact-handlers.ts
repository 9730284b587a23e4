import { artifactsOf, ensureLocalArtifact, listRunArtifacts, runArtifactRoot } from '../../services/artifacts-service';
import { readArtifactSlice } from '../../services/artifact-slice';
import type { ServiceContext } from '../../services/service-context';
import type { Handlers } from '../dispatch';

type ArtifactHandlers = Pick<Handlers, 'artifacts.list' | 'artifacts.read'>;

export function artifactHandlers(svc: ServiceContext): ArtifactHandlers {
  return {
    'artifacts.list': async ({ runId, path }) => (await listRunArtifacts(svc, runId, path)).files,
    /** `maxBytes` of a file from `offset` (0): previews load big files only when asked, a log's tail from its end. */
    'artifacts.read': async ({ runId, path, maxBytes, offset }) => {
      const ref = await ensureLocalArtifact(svc, `${runArtifactRoot(svc, runId)}/${path}`); // a lazily pulled file is downloaded now
      return readArtifactSlice(artifactsOf(svc), ref, path, maxBytes, offset);
    },
  };
}
