import { downloadBlob } from '../download';
import { baseName } from './artifact-paths';

/**
 * Saves bytes as a file through a generated `<a download>`: typed as an opaque octet stream so
 * the browser never renders it, named after the artifact (the browser sanitises the name).
 */
export function saveBytes(bytes: Uint8Array<ArrayBuffer>, path: string): void {
  downloadBlob(baseName(path) || 'artifact', new Blob([bytes], { type: 'application/octet-stream' }));
}
