import { notFound } from '../../../shared/domain/mlflow-error';
import { ensureLocalArtifact, listRunArtifacts, runArtifactRoot } from '../../services/artifacts-service';
import type { ServiceContext } from '../../services/service-context';
import { openStoredFile } from '../../store/stored-file';
import type { Handlers } from '../dispatch';

type ArtifactHandlers = Pick<Handlers, 'artifacts.list' | 'artifacts.read'>;

export function artifactHandlers(svc: ServiceContext): ArtifactHandlers {
  return {
    'artifacts.list': async ({ runId, path }) => (await listRunArtifacts(svc, runId, path)).files,
    /** The first `maxBytes` of a file: previews load big files only when asked. */
    'artifacts.read': async ({ runId, path, maxBytes }) => {
      const file = await ensureLocalArtifact(svc, `${runArtifactRoot(svc, runId)}/${path}`); // a lazily pulled file is downloaded now
      const fh = await openStoredFile(file);
      if (!fh) throw notFound(`Artifact '${path}' not found.`);
      try {
        const { size } = await fh.stat();
        const buf = Buffer.alloc(Math.min(size, maxBytes));
        await fh.read(buf, 0, buf.length, 0);
        return { path, size, truncated: size > buf.length, base64: buf.toString('base64') };
      } finally {
        await fh.close();
      }
    },
  };
}
