import { formatDate, formatRelative } from './format-date';

/** A moment shown the one way the UI shows moments: absolute, relative on hover. */
export function When({ ms, fallback = '' }: { ms: number | null | undefined; fallback?: string }) {
  const text = formatDate(ms);
  if (!text) return <>{fallback}</>;
  return (
    <time dateTime={new Date(ms!).toISOString()} title={formatRelative(ms, Date.now())}>
      {text}
    </time>
  );
}
