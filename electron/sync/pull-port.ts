import type { RemoteClient } from './remote-client';

/** What a pull needs of a remote MLflow server; RemoteClient implements it. */
export type PullPort = Pick<RemoteClient, 'get' | 'post' | 'searchPages' | 'metricHistory' | 'downloadArtifact' | 'listArtifacts' | 'walkArtifacts'>;
