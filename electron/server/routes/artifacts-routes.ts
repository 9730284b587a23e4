import { pipeline } from 'node:stream/promises';
import { artifactsOf, ensureLocalArtifact, listArtifactFolder, listRunArtifacts, resolveArtifactPath } from '../../services/artifacts-service';
import type { ServiceContext } from '../../services/service-context';
import { SECURITY_HEADERS, sendJson } from '../http-io';
import { optString, reqRunId } from '../request-fields';
import type { RouteContext, Routes } from '../router';
import { parseByteRange } from './byte-range';

const PREFIXES = ['/api/2.0/mlflow-artifacts', '/ajax-api/2.0/mlflow-artifacts'];

/**
 * The MLflow artifact proxy (mlflow-artifacts:/ URIs): streamed upload, download (with a single
 * `Range: bytes=` range), list, delete; all through the store's artifact store, so an encrypted
 * store seals on upload and opens on download (sizes and names are plaintext).
 */
export function artifactsRoutes(routes: Routes, ctx: ServiceContext): void {
  const path = (rc: RouteContext) => rc.params['*'] ?? '';
  for (const prefix of PREFIXES) {
    routes.add('PUT', `${prefix}/artifacts/*`, async (rc) => {
      await artifactsOf(ctx).write(resolveArtifactPath(ctx, path(rc), { file: true }), rc.req);
      sendJson(rc.res, 200, {});
    });
    routes.add('GET', `${prefix}/artifacts/*`, async (rc) => {
      const ref = await ensureLocalArtifact(ctx, path(rc)); // a lazily pulled file is downloaded on first read
      const artifacts = artifactsOf(ctx);
      const header = rc.req.headers.range;
      const st = header ? await artifacts.stat(ref) : null;
      const range = st?.isFile ? parseByteRange(header, st.size) : null;
      if (range === 'unsatisfiable') {
        rc.res.writeHead(416, { ...SECURITY_HEADERS, 'content-range': `bytes */${st!.size}`, 'content-length': 0 });
        rc.res.end();
        return;
      }
      const { stream, size } = await artifacts.open(ref, range ?? undefined);
      const name = ref[ref.length - 1] ?? 'artifact';
      // Bytes a client logged, served on the UI's own origin: never typed as anything a browser
      // would run (script, HTML, SVG), and never loadable by another origin.
      rc.res.writeHead(range ? 206 : 200, {
        ...SECURITY_HEADERS,
        'content-type': 'application/octet-stream',
        'content-length': range ? range.end - range.start : size,
        ...(range ? { 'content-range': `bytes ${range.start}-${range.end - 1}/${size}` } : {}),
        'accept-ranges': 'bytes',
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
        'cross-origin-resource-policy': 'same-origin',
      });
      // A stream that fails midway (a damaged sealed file) destroys the response: the client sees
      // a cut connection short of Content-Length, never a clean short body.
      await pipeline(stream, rc.res);
    });
    routes.add('GET', `${prefix}/artifacts`, async (rc) => {
      const dirPath = rc.query.get('path') ?? '';
      const files = dirPath === '' ? [] : await listArtifactFolder(ctx, dirPath);
      sendJson(rc.res, 200, files.length ? { files } : {});
    });
    routes.add('DELETE', `${prefix}/artifacts/*`, async (rc) => {
      await artifactsOf(ctx).delete(resolveArtifactPath(ctx, path(rc)));
      sendJson(rc.res, 200, {});
    });
  }
  routes.mlflow('GET', '/artifacts/list', async (m) => {
    const { rootUri, files } = await listRunArtifacts(ctx, reqRunId(m), optString(m, 'path'));
    return { root_uri: rootUri, ...(files.length ? { files } : {}) };
  });
}
