import { describe, expect, it } from 'vitest';
import { uiEntryPage, withScriptNonce } from '../../../../electron/server/ui-page';

describe('the UI page policy', () => {
  it('lets only scripts carrying this response nonce run, never any same-origin URL', () => {
    const page = uiEntryPage('<head><script type="module" crossorigin src="./assets/index-1.js"></script><SCRIPT>x</SCRIPT></head>');
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(page.policy)![1]!;
    expect(page.policy).toMatch(new RegExp(`script-src 'nonce-${nonce.replace(/[+/=]/g, '\\$&')}';`));
    expect(page.policy).not.toMatch(/script-src[^;]*('self'|'unsafe-inline'|\*)/);
    expect(page.body.match(new RegExp(`nonce="${nonce.replace(/[+/=]/g, '\\$&')}"`, 'g'))).toHaveLength(2);
  });

  it('uses a fresh, unguessable nonce for every page', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => /'nonce-([^']+)'/.exec(uiEntryPage('').policy)![1]));
    expect(nonces.size).toBe(50);
    for (const n of nonces) expect(Buffer.from(n!, 'base64').length).toBeGreaterThanOrEqual(16);
  });

  it('adds the nonce to script tags only', () => {
    expect(withScriptNonce('<link rel="stylesheet" href="a.css"><scripts>', 'n')).toBe('<link rel="stylesheet" href="a.css"><scripts>');
  });
});
