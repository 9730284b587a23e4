import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from '../../support/paths';
import { startSextant, type RunningServer } from '../../support/servers';

/** Debian's Chromium (playwright's own browser download cannot reach this network). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
/** Why the browser tests are skipped, or null when they run. */
export const chromiumSkip = hasChromium ? null : `skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
if (chromiumSkip) console.log(chromiumSkip);
/** A suite's title, with the reason in front when it is skipped. */
export const e2eTitle = (title: string) => (chromiumSkip ? `${chromiumSkip}: ${title}` : title);
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
  // What the page's Content-Security-Policy blocked from running. Reports aimed at an element of
  // the page are real attempts (an injected handler or script); Chromium also reports handler
  // attributes met while parsing inert markup (DOMParser, <template>: what a sanitiser does),
  // aimed at no element: those are kept apart.
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[]; __cspParseReports: string[] };
    w.__cspViolations = [];
    w.__cspParseReports = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      const text = (where: string) => `${e.effectiveDirective} ${e.blockedURI} ${e.sample} in ${where}`.replace(/\s+/g, ' ').trim();
      if (e.target instanceof Element) w.__cspViolations.push(text(e.target.outerHTML.slice(0, 200)));
      else w.__cspParseReports.push(text(`${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
    }, true);
  });
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

/** The sizes and schemes every changed screen is looked at in. */
export const LOOKS = [
  { name: 'wide-light', width: 1400, height: 900, colorScheme: 'light' },
  { name: 'wide-dark', width: 1400, height: 900, colorScheme: 'dark' },
  { name: 'narrow-light', width: 1024, height: 700, colorScheme: 'light' },
  { name: 'narrow-dark', width: 1024, height: 700, colorScheme: 'dark' },
] as const;

/**
 * Screenshots of the page as it is, in each of LOOKS (`<name>-wide-dark.png`, …); the page is
 * left at its first size and light. `settle` runs after each change (charts redraw on resize).
 */
export async function screenshotLooks(page: Page, name: string, settle: () => Promise<void> = () => page.waitForTimeout(250)): Promise<void> {
  const first = page.viewportSize();
  for (const look of LOOKS) {
    await page.setViewportSize({ width: look.width, height: look.height });
    await page.emulateMedia({ colorScheme: look.colorScheme });
    await settle();
    await screenshot(page, `${name}-${look.name}`);
  }
  if (first) await page.setViewportSize(first);
  await page.emulateMedia({ colorScheme: 'light' });
}

/** The per-launch UI token, from the `#token=…` fragment of the URL `sextant serve` printed. */
export function uiToken(mode: BrowserMode): string {
  const token = new URLSearchParams(new URL(mode.appUrl).hash.slice(1)).get('token');
  if (!token) throw new Error(`no #token= in ${mode.appUrl}`);
  return token;
}

export interface RequestLog {
  /** Paths of the requests made so far, e.g. `/rpc/runs.search`. */
  paths: string[];
  count(path: string): number;
  /** Milliseconds since the page last sent a request (since recording began, if none). */
  quietFor(): number;
}

/** Records the requests a page makes, from now on. */
export function recordRequests(page: Page): RequestLog {
  const paths: string[] = [];
  let lastAt = Date.now();
  page.on('request', (req) => {
    paths.push(new URL(req.url()).pathname);
    lastAt = Date.now();
  });
  return { paths, count: (path) => paths.filter((p) => p === path).length, quietFor: () => Date.now() - lastAt };
}

/** What the page's CSP has blocked from running in the page since it loaded (see openApp). */
export const cspViolations = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
