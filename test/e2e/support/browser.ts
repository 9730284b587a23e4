import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from '../../support/paths';
import { startSextant, type RunningServer } from '../../support/servers';

/** Debian's Chromium (playwright's own browser download cannot reach this network). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const SCREENSHOTS = join(repoRoot, 'test-results', 'e2e');

export interface BrowserMode {
  server: RunningServer;
  /** The browser-mode URL with its launch token, as `sextant serve` printed it. */
  appUrl: string;
  browser: Browser;
  stop(): Promise<void>;
}

/** `sextant serve` on a fresh store plus a headless Chromium. Needs `npm run build`. */
export async function startBrowserMode(): Promise<BrowserMode> {
  const server = await startSextant();
  const appUrl = /Open the app in a browser: (\S+)/.exec(server.output())?.[1];
  if (!appUrl) {
    await server.stop();
    throw new Error(`sextant serve did not print the app URL:\n${server.output()}`);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  return {
    server,
    appUrl,
    browser,
    async stop() {
      await browser.close();
      await server.stop();
    },
  };
}

/**
 * Opens the app (optionally at a route like `#/runs/<id>`) and waits for its ready signal.
 * `errors` collects uncaught page errors, which a test should expect to stay empty.
 */
export async function openApp(mode: BrowserMode, route = ''): Promise<{ page: Page; errors: string[] }> {
  const page = await mode.browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(mode.appUrl);
  await page.locator('[data-app-ready="true"]').waitFor({ timeout: 30_000 });
  if (route) await page.evaluate((hash) => (window.location.hash = hash), route);
  return { page, errors };
}

/** Saves a screenshot under test-results/e2e (kept as test output). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}
