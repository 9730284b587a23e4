/** Saves data as a file the way a browser (or Electron) does: a temporary `<a download>` clicked once. */
export function downloadUrl(filename: string, url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
}

export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  downloadUrl(filename, url);
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** A file name from untrusted text: letters, digits, dot, dash and underscore only. */
export const safeFileName = (name: string, fallback = 'download') => name.replace(/[^\w.-]+/g, '_').replace(/^[._]+|_+$/g, '').slice(0, 80) || fallback;
