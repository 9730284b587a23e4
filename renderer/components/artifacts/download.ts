import { baseName } from './artifact-paths';

/**
 * Saves bytes as a file through a generated `<a download>`: typed as an opaque octet stream so
 * the browser never renders it, named after the artifact (the browser sanitises the name).
 */
export function saveBytes(bytes: Uint8Array<ArrayBuffer>, path: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = baseName(path) || 'artifact';
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
