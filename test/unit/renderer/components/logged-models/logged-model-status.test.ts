import { describe, expect, it } from 'vitest';
import { isSystemTag, statusText } from '../../../../../renderer/components/logged-models/logged-model-status';

describe('logged model status', () => {
  it('says a status in words', () => {
    expect(statusText('LOGGED_MODEL_READY')).toBe('Ready');
    expect(statusText('LOGGED_MODEL_PENDING')).toBe('Pending');
    expect(statusText('LOGGED_MODEL_UPLOAD_FAILED')).toBe('Upload failed');
    expect(statusText('LOGGED_MODEL_STATUS_UNSPECIFIED')).toBe('Status unspecified');
  });

  it('tells MLflow\'s own tags from people\'s', () => {
    expect(isSystemTag('mlflow.user')).toBe(true);
    expect(isSystemTag('team')).toBe(false);
  });
});
