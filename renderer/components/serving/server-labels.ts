import type { ServerState, ServerView } from '../../state/serving-types';

export const STATE_LABEL: Record<ServerState, string> = { starting: 'Starting…', ready: 'Ready', stopped: 'Stopped', failed: 'Failed' };

/** What an alias resolved to when the server started ("version 3"); null for other URIs. */
export const resolvedLabel = (server: ServerView): string | null =>
  server.modelUri.includes('@') && server.resolved.version ? `version ${server.resolved.version}` : null;
