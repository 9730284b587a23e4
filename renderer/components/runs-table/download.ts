/** Saves text as a file through a Blob link: the browser's (or Electron's) own download. */
export function downloadText(filename: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from untrusted text: letters, digits, dot, dash and underscore only. */
export const safeFileName = (name: string) => name.replace(/[^\w.-]+/g, '_').replace(/^[._]+/, '').slice(0, 80) || 'runs';
