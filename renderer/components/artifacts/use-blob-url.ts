import { useEffect, useState } from 'react';

/**
 * A `blob:` URL for bytes under a type we chose (never the file's say-so), revoked when the
 * bytes change or the viewer unmounts. The page CSP allows blob: for images and frames only.
 */
export function useBlobUrl(bytes: Uint8Array<ArrayBuffer> | null, type: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!bytes) return;
    const u = URL.createObjectURL(new Blob([bytes], { type }));
    setUrl(u);
    return () => {
      URL.revokeObjectURL(u);
      setUrl(null);
    };
  }, [bytes, type]);
  return url;
}
