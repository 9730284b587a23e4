import type { LoggedModelStatus } from '../../../shared/domain/tracking';

/** A logged model's status in words: `LOGGED_MODEL_READY` → `Ready`, `LOGGED_MODEL_UPLOAD_FAILED` → `Upload failed`. */
export function statusText(status: LoggedModelStatus | string): string {
  const s = status.replace(/^LOGGED_MODEL_/, '').replaceAll('_', ' ').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Tags MLflow itself sets (`mlflow.*`), shown apart from the ones people set. */
export const isSystemTag = (key: string) => key.startsWith('mlflow.');
