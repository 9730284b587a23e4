import { notFound } from '../../../shared/domain/mlflow-error';
import { ensureLocalArtifact, listRunArtifacts, runArtifactRoot } from '../../services/artifacts-service';
import type { ServiceContext } from '../../services/service-context';
import { openStoredFile } from '../../store/stored-file';
import type { Handlers } from '../dispatch';

type ArtifactHandlers = Pick<Handlers, 'artifacts.list' | 'artifacts.read'>;

export function artifactHandlers(svc: ServiceContext): ArtifactHandlers {
  return {
    'artifacts.list': async ({ runId, path }) => (await listRunArtifacts(svc, runId, path)).files,
    /** `maxBytes` of a file from `offset` (0): previews load big files only when asked, a log's tail from its end. */
    'artifacts.read': async ({ runId, path, maxBytes, offset = 0 }) => {
      const file = await ensureLocalArtifact(svc, `${runArtifactRoot(svc, runId)}/${path}`); // a lazily pulled file is downloaded now
      const fh = await openStoredFile(file);
      if (!fh) throw notFound(`Artifact '${path}' not found.`);
      try {
        const { size } = await fh.stat();
        const from = Math.min(offset, size);
        const buf = Buffer.alloc(Math.min(size - from, maxBytes));
        await fh.read(buf, 0, buf.length, from);
        return { path, size, offset: from, truncated: size > from + buf.length, base64: buf.toString('base64') };
      } finally {
        await fh.close();
      }
    },
  };
}
