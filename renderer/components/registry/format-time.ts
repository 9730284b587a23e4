/** A registry timestamp (epoch ms) as local date and time; empty when unknown. */
export function formatTime(ms: number | undefined): string {
  if (!ms) return '';
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The first line of a description, for tables (the full text is Markdown on the version page). */
export function firstLine(text: string | undefined, max = 80): string {
  const line = (text ?? '').trim().split('\n', 1)[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
