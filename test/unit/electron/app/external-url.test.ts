import { describe, expect, it } from 'vitest';
import { externalUrlToOpen, isLoopbackUiUrl } from '../../../../electron/app/external-url';
import { APP_ENTRY_URL, isAppUrl } from '../../../../electron/app/app-origin';
import { permissionAllowed } from '../../../../electron/app/permissions';

describe('externalUrlToOpen: what may reach shell.openExternal', () => {
  it('passes parsed https URLs, re-serialised', () => {
    expect(externalUrlToOpen('https://mlflow.org/docs/latest/')).toBe('https://mlflow.org/docs/latest/');
    expect(externalUrlToOpen('HTTPS://Example.COM/a b')).toBe('https://example.com/a%20b');
  });

  it.each([
    'http://example.com/',
    'file:///etc/passwd',
    'smb://attacker.example/share',
    'javascript:alert(1)',
    'vscode://file/etc/passwd',
    'ms-msdt:/id PCWDiagnostic',
    'data:text/html,<script>alert(1)</script>',
    'mailto:someone@example.com',
    'app://sextant/index.html',
    'https://user:pass@evil.example/',
    'https://good.example@evil.example/',
    'https://',
    '//evil.example/',
    'not a url',
    '',
    `https://example.com/${'a'.repeat(3000)}`,
  ])('refuses %s', (url) => {
    expect(externalUrlToOpen(url)).toBeNull();
  });

  it('refuses what is not a string', () => {
    for (const v of [undefined, null, 42, { href: 'https://example.com' }]) expect(externalUrlToOpen(v)).toBeNull();
  });
});

describe('isLoopbackUiUrl: the browser-mode link the File menu opens', () => {
  it('accepts only loopback http', () => {
    expect(isLoopbackUiUrl('http://127.0.0.1:5000/#token=abc')).toBe(true);
    expect(isLoopbackUiUrl('http://evil.example:5000/#token=abc')).toBe(false);
    expect(isLoopbackUiUrl('file:///etc/passwd')).toBe(false);
  });
});

describe('isAppUrl: our origin, parsed', () => {
  it('accepts app://sextant pages only', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://sextant/index.html#/runs/abc')).toBe(true);
    expect(isAppUrl('app://sextant')).toBe(true);
    for (const url of ['app://sextant.evil.example/', 'app://evil/', 'app://sextant:1/', 'app://u:p@sextant/', 'https://sextant/', 'file:///x', 'nonsense']) {
      expect(isAppUrl(url)).toBe(false);
    }
  });
});

describe('permissionAllowed', () => {
  it('refuses every permission except a sanitised clipboard write from our own page', () => {
    expect(permissionAllowed('clipboard-sanitized-write', 'app://sextant/index.html')).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(permissionAllowed('clipboard-sanitized-write', undefined)).toBe(false);
    for (const p of ['clipboard-read', 'media', 'notifications', 'geolocation', 'openExternal', 'fullscreen', 'unknown']) {
      expect(permissionAllowed(p, 'app://sextant/index.html')).toBe(false);
    }
  });
});
