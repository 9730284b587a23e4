import { formatDate } from '../format-date';

/** "just now", "5 min ago", "3 h ago", then the date (the app's one format): when a remote was last synced. */
export function formatSyncTime(at: number, now: number): string {
  const sec = Math.max(0, (now - at) / 1000);
  if (sec < 60) return 'just now';
  if (sec < 3600) return `${Math.floor(sec / 60)} min ago`;
  if (sec < 86_400) return `${Math.floor(sec / 3600)} h ago`;
  return formatDate(at);
}
