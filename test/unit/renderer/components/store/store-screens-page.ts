import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import type { StoreStatus } from '../../../../../shared/ipc/store-types';
import { repoRoot } from '../../../../support/paths';

let bundled: Promise<{ js: string; css: string }> | undefined;

/** store-screens-app.tsx bundled for the browser with its stylesheets (once per test file). */
function bundle(): Promise<{ js: string; css: string }> {
  bundled ??= build({
    entryPoints: [join(repoRoot, 'test/unit/renderer/components/store/store-screens-app.tsx')],
    bundle: true,
    write: false,
    outdir: join(repoRoot, '.cache/store-screens'),
    format: 'iife',
    jsx: 'automatic',
    loader: { '.css': 'css' },
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
  }).then((out) => ({
    js: out.outputFiles.find((f) => f.path.endsWith('.js'))!.text,
    css: out.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '',
  }));
  return bundled;
}

export interface ScreenOptions {
  status: StoreStatus;
  passphrase?: string;
  /** Methods whose answers wait for `release(page, method)`. */
  hold?: string[];
  viewport?: { width: number; height: number };
  /** As in the desktop app: a preload bridge (so the OS picker is offered), app.pickPath answering this path. */
  picker?: { picked: string | null };
}

/** A page running the real App over the fake backend, starting from `status`. */
export async function appWithStatus(browser: Browser, opts: ScreenOptions): Promise<{ page: Page; errors: string[] }> {
  const { js, css } = await bundle();
  const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1400, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setContent(`<!doctype html><html><head><style>${css}</style></head><body><div id="root"></div></body></html>`);
  await page.evaluate((init) => ((window as unknown as { __fake: unknown }).__fake = init), { status: opts.status, passphrase: opts.passphrase ?? '', hold: opts.hold ?? [], picked: opts.picker?.picked ?? null });
  if (opts.picker) await page.evaluate(() => ((window as unknown as { bridge: unknown }).bridge = {}));
  await page.addScriptTag({ content: js });
  return { page, errors };
}

/** Lets a held answer go. */
export async function release(page: Page, method: string): Promise<void> {
  await page.waitForFunction((m) => !!(window as unknown as { __fake: { held: Record<string, () => void> } }).__fake.held[m], method);
  await page.evaluate((m) => {
    const held = (window as unknown as { __fake: { held: Record<string, () => void> } }).__fake.held;
    const go = held[m]!;
    delete held[m];
    go();
  }, method);
}

/** What the fake backend was called with. */
export const callsTo = (page: Page, method: string): Promise<unknown[]> =>
  page.evaluate((m) => (window as unknown as { __fake: { calls: { method: string; input: unknown }[] } }).__fake.calls.filter((c) => c.method === m).map((c) => c.input), method);

/** Pushes a `store.changed`. */
export const pushStatus = (page: Page, status: StoreStatus): Promise<void> =>
  page.evaluate((s) => (window as unknown as { __fake: { push(s: unknown): void } }).__fake.push(s), status);
