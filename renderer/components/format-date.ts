/**
 * The one way the UI shows a moment: absolute, in the user's locale (date and minutes), with the
 * relative form ("5 min ago") for the hover. Empty for an unknown time (0, undefined, NaN).
 */
export function formatDate(ms: number | null | undefined): string {
  if (!ms || !Number.isFinite(ms)) return '';
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? '' : absolute.format(d);
}

// one formatter each, made once: building one per call (toLocaleString) costs tens of
// microseconds, and table rows format their times as they scroll past
const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "5 minutes ago", "in 2 hours", "now"; in the user's locale. */
export function formatRelative(ms: number | null | undefined, now: number): string {
  if (!ms) return '';
  const diff = ms - now;
  for (const [unit, size] of UNITS) if (Math.abs(diff) >= size) return relative.format(Math.round(diff / size), unit);
  return relative.format(0, 'second');
}
