import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appResponder } from '../../../../electron/app/app-response';
import { useTempDirs } from '../../../support/temp-dir';

describe('app:// responses', () => {
  const tempDir = useTempDirs();
  const logs: string[] = [];

  function responder() {
    const base = tempDir();
    const renderer = join(base, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Sextant</title><script type="module" src="./assets/index.js"></script>');
    writeFileSync(join(renderer, 'assets', 'index.js'), 'export {};');
    writeFileSync(join(base, 'secret.txt'), 'canary');
    return appResponder(renderer, (m) => logs.push(m));
  }

  it('serves the entry page and module scripts with their types and the CSP', async () => {
    const respond = responder();
    const page = await respond(new Request('app://sextant/'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const policy = page.headers.get('content-security-policy') ?? '';
    const nonce = /script-src 'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce, policy).toBeTruthy();
    expect(policy).not.toMatch(/script-src[^;]*'self'/); // an artifact download is same-origin too
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await page.text();
    expect(html).toContain('<title>Sextant</title>');
    expect(html).toContain(`<script nonce="${nonce}" type="module"`);
    const again = await respond(new Request('app://sextant/'));
    expect(again.headers.get('content-security-policy')).not.toContain(nonce!); // a new nonce each time
    const script = await respond(new Request('app://sextant/assets/index.js'));
    expect(script.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
  });

  it.each([
    'app://sextant/../secret.txt',
    'app://sextant/%2e%2e/secret.txt',
    'app://sextant/assets/..%2f..%2fsecret.txt',
    'app://sextant/assets/%2e%2e%5c..%5csecret.txt',
    'app://evil/index.html',
    'app://sextant/missing.js',
  ])('answers %s with 404 and no bytes from outside', async (url) => {
    const res = await responder()(new Request(url));
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('canary');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const res = await responder()(new Request('app://sextant/index.html', { method: 'POST', body: 'x' }));
    expect(res.status).toBe(405);
  });
});
