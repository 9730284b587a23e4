// Headless Debian Chromium (through playwright-core) on Sextant's browser mode, with the probe of
// probe.ts installed in every page load.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { NAME_SHIM, installProbe, type Probe } from './probe';

/** Debian's Chromium (playwright's own browser download cannot reach this network). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = () => existsSync(CHROMIUM);

export const VIEWPORT = { width: 1400, height: 900 };

/**
 * Where a "loaded app" waits before a page is opened: the model registry (empty here). The home
 * page is no neutral start: it opens the most recently updated experiment by itself.
 */
export const START_ROUTE = '#/models';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // a headless page counts as visible, but keep timers and rendering unthrottled regardless
    args: ['--no-sandbox', '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'],
  });
}

/** The browser-mode URL with its launch token, as `sextant serve` printed it. */
export function appUrlFrom(serverOutput: string): string {
  const url = /Open the app in a browser: (\S+)/.exec(serverOutput)?.[1];
  if (!url) throw new Error(`sextant serve did not print the app URL:\n${serverOutput.slice(-2000)}`);
  return url;
}

/**
 * Another build of the renderer to measure against the same server (e.g. the one before a
 * change: `vite build` of an older commit), instead of the one `sextant serve` serves.
 */
export const RENDERER_OVERRIDE = process.env.SEXTANT_BENCH_UI_RENDERER;

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2' };

/** The files of a built renderer, as URL paths (`/index.html`, `/assets/index-….js`). */
function filePaths(dir: string, under = ''): string[] {
  return readdirSync(join(dir, under), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filePaths(dir, `${under}/${e.name}`) : [`${under}/${e.name}`]));
}

/**
 * Serves the app's own files from `dir`. Only those requests are intercepted: API calls go
 * to the server untouched (an intercepted request would cross to Node and back).
 */
async function serveRendererFrom(page: Page, appUrl: string, dir: string): Promise<void> {
  const origin = new URL(appUrl).origin;
  const files = new Set(filePaths(dir));
  const fileOf = (url: URL) => (url.pathname === '/' ? '/index.html' : url.pathname);
  await page.route((url) => url.origin === origin && files.has(fileOf(url)), async (route) => {
    const file = join(dir, fileOf(new URL(route.request().url())));
    await route.fulfill({ status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
  });
}

export interface BenchPage {
  page: Page;
  /** Uncaught errors of the page, reported in the details. */
  errors: string[];
}

/**
 * A tab on the app, signed in (the token moves from the URL fragment into the origin's
 * localStorage, so later reloads of the tab need no token), left at START_ROUTE.
 */
export async function openBenchPage(browser: Browser, appUrl: string): Promise<BenchPage> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript({ content: NAME_SHIM });
  await page.addInitScript(installProbe);
  if (RENDERER_OVERRIDE) await serveRendererFrom(page, appUrl, normalize(RENDERER_OVERRIDE));
  await page.goto(appUrl);
  await waitReady(page);
  await reloadAt(page, START_ROUTE);
  return { page, errors };
}

export async function waitReady(page: Page): Promise<void> {
  await page.locator('[data-app-ready="true"]').waitFor({ timeout: 30_000 });
}

/**
 * A full page load of the app at `hash` (e.g. `#/` or `#/experiments/1`); waits for the app's
 * ready signal. The hash is changed with replaceState, which fires no hashchange: the page being
 * left does not start loading the new route (and keep the server busy) first.
 */
export async function reloadAt(page: Page, hash: string): Promise<void> {
  await setHashQuietly(page, hash);
  await page.reload();
  await waitReady(page);
}

export async function setHashQuietly(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => window.history.replaceState(null, '', h), hash);
}

/** Lets the page settle: two frames, then `ms` without a long task starting (at most 10 s). */
export async function settle(page: Page, ms = 500): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const quietFor = await page.evaluate(async () => {
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const probe = window.__sextantBench;
      const last = probe?.longTasks.at(-1);
      return last ? performance.now() - (last.start + last.duration) : performance.now();
    });
    if (quietFor >= ms || Date.now() > deadline) return;
    await page.waitForTimeout(Math.min(ms, ms - quietFor + 20));
  }
}

/** A copy of the probe's recordings (not its functions). */
export function probeState(page: Page): Promise<Pick<Probe, 'supported' | 'longTasks' | 'longFrames' | 'inputs' | 'keydowns' | 'rows'>> {
  return page.evaluate(() => {
    const p = window.__sextantBench;
    if (!p) throw new Error('the benchmark probe is not installed in the page');
    return { supported: p.supported, longTasks: p.longTasks, longFrames: p.longFrames, inputs: p.inputs, keydowns: p.keydowns, rows: p.rows };
  });
}
