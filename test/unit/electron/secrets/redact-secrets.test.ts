import { describe, expect, it } from 'vitest';
import { redactSecret } from '../../../../electron/secrets/redact-secrets';
import { textLeaks } from '../../../security/secrets/secret-fixture';

describe('scrubbing a secret from what a remote sent back', () => {
  it('masks the secret as is, URL- and JSON-escaped, and the Authorization header it went in', () => {
    const password = 'p@ss "w/rd"+1';
    const auth = { kind: 'basic' as const, username: 'ana', password };
    const header = `Basic ${Buffer.from(`ana:${password}`).toString('base64')}`;
    const echoed = `403: {"headers": {"authorization": "${header}"}, "form": "pw=${encodeURIComponent(password)}", "raw": ${JSON.stringify(password)}, "plain": "${password}"}`;
    const out = redactSecret(echoed, auth);
    expect(textLeaks(out, [{ value: password, username: 'ana' }])).toEqual([]);
    expect(out).toContain('********');
    expect(out).toContain('403: {"headers"');
  });

  it('masks a bearer token, leaves other text and no-auth results alone', () => {
    const token = 'tok_8sQv1';
    expect(redactSecret(`Authorization: Bearer ${token} refused`, { kind: 'bearer', token })).toBe('Authorization: ******** refused');
    expect(redactSecret('HTTP 403 forbidden', { kind: 'none' })).toBe('HTTP 403 forbidden');
  });
});
