import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, hasChromium } from '../../../../e2e/support/browser';
import { repoRoot } from '../../../../support/paths';

/**
 * Run-page components in a real Chromium, for what only a browser can tell: table layout and
 * keyboard handling. Skipped (like the e2e suites) when there is no Chromium.
 */
export { hasChromium };

/** The app's base stylesheet plus the run page's and the artifact browser's (which defines .kv-table). */
export const RUN_PAGE_CSS = ['renderer/styles.css', 'renderer/components/artifacts/artifacts.css', 'renderer/components/run-page/run-page.css']
  .map((file) => readFileSync(join(repoRoot, file), 'utf8'))
  .join('\n');

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });

/** A page showing `html` (already rendered markup) under the run page's styles. */
export async function pageWithMarkup(browser: Browser, html: string, viewport = { width: 1400, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.setContent(`<!doctype html><html><head><style>${RUN_PAGE_CSS}</style></head><body>${html}</body></html>`);
  return page;
}

const bundles = new Map<string, Promise<string>>();

/** `entry` (TSX, imports resolved from the repo root) bundled for the browser; once per entry. */
function bundle(entry: string): Promise<string> {
  let js = bundles.get(entry);
  if (!js) {
    js = build({
      stdin: { contents: entry, resolveDir: repoRoot, loader: 'tsx', sourcefile: 'entry.tsx' },
      bundle: true,
      write: false,
      format: 'iife',
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"development"' },
      logLevel: 'silent',
    }).then((out) => out.outputFiles[0]!.text);
    bundles.set(entry, js);
  }
  return js;
}

/** A page running `entry` for real (React mounts and handles events); the entry renders into `#root`. */
export async function pageWithScript(browser: Browser, entry: string): Promise<Page> {
  const js = await bundle(entry);
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setContent(`<!doctype html><html><head><style>${RUN_PAGE_CSS}</style></head><body><div id="root"></div></body></html>`);
  await page.addScriptTag({ content: js });
  if (errors.length) throw new Error(`the entry failed: ${errors.join('; ')}`);
  return page;
}
