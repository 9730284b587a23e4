import { open } from 'node:fs/promises';
import { notFound } from '../../../shared/domain/mlflow-error';
import { listRunArtifacts, resolveArtifactPath, runArtifactRoot } from '../../services/artifacts-service';
import type { ServiceContext } from '../../services/service-context';
import type { Handlers } from '../dispatch';

type ArtifactHandlers = Pick<Handlers, 'artifacts.list' | 'artifacts.read'>;

export function artifactHandlers(svc: ServiceContext): ArtifactHandlers {
  return {
    'artifacts.list': async ({ runId, path }) => (await listRunArtifacts(svc, runId, path)).files,
    /** The first `maxBytes` of a file: previews load big files only when asked. */
    'artifacts.read': async ({ runId, path, maxBytes }) => {
      const file = resolveArtifactPath(svc, `${runArtifactRoot(svc, runId)}/${path}`);
      const fh = await open(file, 'r').catch(() => null);
      if (!fh) throw notFound(`Artifact '${path}' not found.`);
      try {
        const st = await fh.stat();
        if (!st.isFile()) throw notFound(`Artifact '${path}' is not a file.`);
        const size = st.size;
        const buf = Buffer.alloc(Math.min(size, maxBytes));
        await fh.read(buf, 0, buf.length, 0);
        return { path, size, truncated: size > buf.length, base64: buf.toString('base64') };
      } finally {
        await fh.close();
      }
    },
  };
}
