import { deleteArtifact, openArtifact, writeArtifact } from '../../store/artifact-files';
import { ensureLocalArtifact, listArtifactFolder, listRunArtifacts, resolveArtifactPath } from '../../services/artifacts-service';
import type { ServiceContext } from '../../services/service-context';
import { SECURITY_HEADERS, sendJson } from '../http-io';
import { optString, reqRunId } from '../request-fields';
import type { RouteContext, Routes } from '../router';

const PREFIXES = ['/api/2.0/mlflow-artifacts', '/ajax-api/2.0/mlflow-artifacts'];

/** The MLflow artifact proxy (mlflow-artifacts:/ URIs): streamed upload, download, list, delete. */
export function artifactsRoutes(routes: Routes, ctx: ServiceContext): void {
  const path = (rc: RouteContext) => rc.params['*'] ?? '';
  for (const prefix of PREFIXES) {
    routes.add('PUT', `${prefix}/artifacts/*`, async (rc) => {
      await writeArtifact(resolveArtifactPath(ctx, path(rc), { file: true }), rc.req, ctx.store.uploadsDir);
      sendJson(rc.res, 200, {});
    });
    routes.add('GET', `${prefix}/artifacts/*`, async (rc) => {
      const file = await ensureLocalArtifact(ctx, path(rc)); // a lazily pulled file is downloaded on first read
      const { stream, size } = await openArtifact(file);
      const name = file.split('/').pop() ?? 'artifact';
      // Bytes a client logged, served on the UI's own origin: never typed as anything a browser
      // would run (script, HTML, SVG), and never loadable by another origin.
      rc.res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': 'application/octet-stream',
        'content-length': size,
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
        'cross-origin-resource-policy': 'same-origin',
      });
      stream.pipe(rc.res);
      await new Promise<void>((resolve, reject) => stream.on('end', resolve).on('error', reject));
    });
    routes.add('GET', `${prefix}/artifacts`, async (rc) => {
      const dirPath = rc.query.get('path') ?? '';
      const files = dirPath === '' ? [] : await listArtifactFolder(ctx, dirPath);
      sendJson(rc.res, 200, files.length ? { files } : {});
    });
    routes.add('DELETE', `${prefix}/artifacts/*`, async (rc) => {
      await deleteArtifact(resolveArtifactPath(ctx, path(rc)));
      sendJson(rc.res, 200, {});
    });
  }
  routes.mlflow('GET', '/artifacts/list', async (m) => {
    const { rootUri, files } = await listRunArtifacts(ctx, reqRunId(m), optString(m, 'path'));
    return { root_uri: rootUri, ...(files.length ? { files } : {}) };
  });
}
