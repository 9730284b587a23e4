import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTracking, type RunningTracking } from '../../electron/open-tracking';
import { repoRoot } from '../support/paths';
import { CHROMIUM, e2eTitle, hasChromium, screenshot } from './support/browser';

// The desktop app's "Open in Browser" hands the OS browser a one-time code, not the launch
// token (a command line is visible to every process): the page exchanges it for the token.
describe.skipIf(!hasChromium)(e2eTitle('browser mode signs in with a one-time hand-off link'), () => {
  let storeDir = '';
  let tracking: RunningTracking;
  let browser: Browser;
  let token = '';

  beforeAll(async () => {
    storeDir = await mkdtemp(join(tmpdir(), 'sextant-handoff-'));
    tracking = await openTracking({ storeDir, host: '127.0.0.1', port: 0, log: () => undefined, version: 'test', rendererDir: join(repoRoot, 'out', 'renderer') });
    token = new URLSearchParams(new URL(tracking.uiUrl!).hash.slice(1)).get('token')!;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await tracking?.close();
    if (storeDir) await rm(storeDir, { recursive: true, force: true });
  });

  it('signs in with a fresh link, once; the link carries no token and leaves none in the address bar', async () => {
    const link = tracking.handoffUrl!();
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#handoff=[\w-]{43}$/);
    expect(link).not.toContain(token);
    expect(tracking.handoffUrl!()).not.toBe(link); // a new code every time

    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(link);
    await page.getByTestId('tracking-uri').waitFor();
    expect(page.url()).not.toContain('handoff');
    expect(await page.evaluate(() => localStorage.getItem('sextant.uiToken'))).toBe(token);
    expect(errors).toEqual([]);
    await page.close();

    // the same link again, in a browser that has no token: refused, with a word on what to do
    const again = await browser.newPage();
    const refused = again.waitForResponse((r) => r.url().endsWith('/ui/handoff') && r.status() === 401);
    await again.goto(link);
    await refused;
    // once loaded (while loading, the status bar says it too)
    await again.locator('[data-app-ready="true"]').getByText(/already used or has expired/).waitFor();
    expect(await again.evaluate(() => localStorage.getItem('sextant.uiToken'))).toBeNull();
    await screenshot(again, 'handoff-used-link');
    await again.close();
  }, 60_000);
});
