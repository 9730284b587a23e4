/** The first line of a description, for tables (the full text is Markdown on the version page). */
export function firstLine(text: string | undefined, max = 80): string {
  const line = (text ?? '').trim().split('\n', 1)[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
