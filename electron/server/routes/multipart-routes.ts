import { invalidParam } from '../../../shared/domain/mlflow-error';
import { resolveArtifactPath } from '../../services/artifacts-service';
import type { ServiceContext } from '../../services/service-context';
import type { ArtifactRef } from '../../store/artifacts/artifact-store';
import { multipartUploadsOf } from '../../store/multipart-uploads';
import { SECURITY_HEADERS, sendJson } from '../http-io';
import { asMessage, optArray, optInt, reqInt, reqString } from '../request-fields';
import { readJsonBody, type RouteContext, type Routes } from '../router';

/** The path a part is PUT to; the upload id (128 random bits) is its only credential, as with a presigned URL. */
export const PART_PREFIX = '/api/2.0/mlflow-artifacts/mpu/part/';

/** The file an upload writes: the client's local file name inside the artifact folder of the URL. */
function targetOf(ctx: ServiceContext, rc: RouteContext, localPath: string): ArtifactRef {
  const name = localPath.split(/[\\/]/).pop() ?? '';
  if (!name) throw invalidParam("Missing value for required parameter 'path'.");
  return resolveArtifactPath(ctx, `${rc.params['*'] ?? ''}/${name}`, { file: true });
}

/**
 * The multipart upload routes, on the store's own uploads (multipartUploadsOf: sealed parts in an
 * encrypted store). `_legacy` is what tracking-server.ts still passes; it is not used.
 */
export function multipartRoutes(routes: Routes, ctx: ServiceContext): void {
  const uploads = multipartUploadsOf(ctx.store);
  for (const prefix of ['/api/2.0/mlflow-artifacts', '/ajax-api/2.0/mlflow-artifacts']) {
    routes.add('POST', `${prefix}/mpu/create/*`, async (rc) => {
      const m = await readJsonBody(rc);
      const target = targetOf(ctx, rc, reqString(m, 'path'));
      const numParts = optInt(m, 'num_parts') ?? 1;
      const uploadId = ctx.newId();
      await uploads.create(uploadId, target, numParts);
      const base = `http://${rc.req.headers.host}${PART_PREFIX}${uploadId}/`;
      const credentials = Array.from({ length: numParts }, (_, i) => ({ url: `${base}${i + 1}`, part_number: i + 1, headers: {} }));
      sendJson(rc.res, 200, { upload_id: uploadId, credentials });
    });
    routes.add('POST', `${prefix}/mpu/complete/*`, async (rc) => {
      const m = await readJsonBody(rc);
      targetOf(ctx, rc, reqString(m, 'path')); // the same checks as create
      const parts = optArray(m, 'parts').map((p) => {
        const pm = asMessage(p);
        return { partNumber: reqInt(pm, 'part_number'), etag: typeof pm.etag === 'string' ? pm.etag : '' };
      });
      await uploads.complete(reqString(m, 'upload_id'), parts);
      sendJson(rc.res, 200, {});
    });
    routes.add('POST', `${prefix}/mpu/abort/*`, async (rc) => {
      const m = await readJsonBody(rc);
      await uploads.abort(reqString(m, 'upload_id'));
      sendJson(rc.res, 200, {});
    });
  }
  routes.add('PUT', `${PART_PREFIX}:upload_id/:part`, async (rc) => {
    const etag = await uploads.putPart(rc.params.upload_id ?? '', Number(rc.params.part), rc.req);
    rc.res.writeHead(200, { ...SECURITY_HEADERS, etag, 'content-type': 'application/json', 'content-length': 2 });
    rc.res.end('{}');
  });
}
