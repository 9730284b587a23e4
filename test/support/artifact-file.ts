import { join } from 'node:path';
import { resolveArtifactPath } from '../../electron/services/artifacts-service';
import type { ServiceContext } from '../../electron/services/service-context';

/**
 * The file on disk of an mlflow-artifacts path in a PLAIN store (names as they are), for tests
 * that plant or inspect files directly; an encrypted store's files have sealed names.
 */
export function artifactFile(svc: ServiceContext, rawPath: string, opts: { file?: boolean } = {}): string {
  return join(svc.store.artifactsDir, ...resolveArtifactPath(svc, rawPath, opts));
}
