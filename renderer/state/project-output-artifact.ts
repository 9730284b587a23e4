import type { Client } from '../api/client';
import { appendLog, EMPTY_LOG, type LogBuffer } from './project-log-buffer';

/** The artifact a project run keeps its whole output in (electron/projects/project-run.ts). */
export const OUTPUT_ARTIFACT = 'project-output.log';
/** How much of its end is read back. */
export const OUTPUT_TAIL_BYTES = 256 * 1024;

/** base64 bytes as text; a character cut at the start of a tail read becomes U+FFFD. */
export function decodeBase64Text(base64: string): string {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}

/**
 * A project run's kept output, read back from its artifact (the end of it, as a log): for a run
 * whose output did not stream to this window. Null when the run has no such artifact.
 */
export async function readKeptOutput(api: Pick<Client, 'call'>, runId: string): Promise<LogBuffer | null> {
  const files = await api.call('artifacts.list', { runId });
  const file = files.find((f) => f.path === OUTPUT_ARTIFACT && !f.is_dir);
  if (!file) return null;
  const size = Number(file.file_size ?? 0);
  const offset = Math.max(0, size - OUTPUT_TAIL_BYTES);
  const content = await api.call('artifacts.read', { runId, path: OUTPUT_ARTIFACT, maxBytes: OUTPUT_TAIL_BYTES, offset });
  let text = decodeBase64Text(content.base64);
  // a tail starts mid-line: drop the cut line
  if (offset > 0) text = text.slice(text.indexOf('\n') + 1);
  const log = appendLog(EMPTY_LOG, text);
  return offset > 0 ? { ...log, dropped: log.dropped + 1 } : log;
}
