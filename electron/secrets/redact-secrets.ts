import { authorizationHeader, type RemoteAuth } from '../sync/remote-auth';
import { SECRET_MASK } from './masked-remote';

/** Shorter secrets are not searched for (they would mask ordinary words); they are refused nowhere, only not scrubbed. */
const MIN_SCRUBBED = 4;

/** Every form a secret may take in text: as is, URL-encoded, JSON-escaped, in the Authorization header (Basic is base64). */
function formsOf(auth: RemoteAuth): string[] {
  const secret = auth.kind === 'basic' ? auth.password : auth.kind === 'bearer' ? auth.token : '';
  if (secret.length < MIN_SCRUBBED) return [];
  const header = authorizationHeader(auth) ?? '';
  const forms = [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1), header, header.replace(/^\w+ /, '')];
  return [...new Set(forms.filter((f) => f.length >= MIN_SCRUBBED))].sort((a, b) => b.length - a.length);
}

/**
 * Scrubs a remote's secret from a text about it (an error a remote sent back, which a server
 * echoing request headers would fill with the Authorization header): what a job view, a log line
 * or the Remotes page may show.
 */
export function redactSecret(text: string, auth: RemoteAuth): string {
  let out = text;
  for (const form of formsOf(auth)) out = out.split(form).join(SECRET_MASK);
  return out;
}
