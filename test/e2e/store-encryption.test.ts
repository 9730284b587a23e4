import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSextant, type RunningServer } from '../support/servers';
import { CHROMIUM, e2eTitle, hasChromium, screenshot, screenshotLooks } from './support/browser';
import { Seeder } from './support/seed';

// Browser mode on a real `sextant serve`: a plain store is encrypted with a passphrase from
// Store settings (converting state, then the summary); served again it starts locked, a wrong
// passphrase is refused in one sentence, the right one opens the same runs.

const PASSPHRASE = 'maple quartz harbour violin';
const MARKER = 'zebra-marker-e2e';

/** The app URL (with its launch token) a `sextant serve` printed. */
function appUrlOf(server: RunningServer): string {
  const url = /Open the app in a browser: (\S+)/.exec(server.output())?.[1];
  if (!url) throw new Error(`sextant serve did not print the app URL:\n${server.output()}`);
  return url;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe.skipIf(!hasChromium)(e2eTitle('store encryption in browser mode'), () => {
  let storeDir = '';
  let server: RunningServer | undefined;
  let browser: Browser;

  beforeAll(async () => {
    storeDir = await mkdtemp(join(tmpdir(), 'sextant-e2e-encrypt-'));
    server = await startSextant({ dataDir: storeDir });
    const seed = new Seeder(server.url);
    const exp = await seed.experiment(`${MARKER}-experiment`);
    for (let i = 0; i < 3; i++) {
      const run = await seed.run(exp, { name: `${MARKER}-run-${i}`, params: { lr: '0.01' }, metrics: { loss: (s) => 1 / (s + 1) }, steps: 200 });
      // some artifact bytes, so the conversion has items and bytes to count
      await seed.artifact(exp, run, 'model/weights.bin', new Uint8Array(4 * 1024 * 1024).fill(7 + i));
      await seed.artifact(exp, run, 'notes.txt', `${MARKER} notes ${i}`);
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (storeDir) await rm(storeDir, { recursive: true, force: true });
  });

  const open = async (): Promise<{ page: Page; errors: string[] }> => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(appUrlOf(server!));
    return { page, errors };
  };

  it('encrypts the store from Store settings with a passphrase: confirmation, converting, summary', async () => {
    const { page, errors } = await open();
    await page.getByTestId('status-store').click();
    await page.getByTestId('store-page').waitFor();
    expect(await page.getByTestId('store-protection').textContent()).toBe('Not encrypted');
    expect(await page.getByTestId('store-holder').textContent()).toMatch(/^sextant serve/);
    expect(await page.getByTestId('store-keychain').textContent()).toMatch(/^Not available/);
    await screenshotLooks(page, 'e2e-store-settings-plain');

    await page.getByTestId('store-encrypt').click();
    expect(await page.getByTestId('key-kind-os-keychain').isDisabled()).toBe(true); // no keychain in sextant serve
    await page.getByTestId('convert-new').fill(PASSPHRASE);
    await page.getByTestId('convert-confirm').fill(PASSPHRASE);
    await page.getByTestId('convert-confirm').press('Enter');
    await page.getByTestId('convert-confirmation').waitFor();
    // whether the converting screen is seen depends on speed: record it as it comes and goes
    await page.evaluate(() => {
      const w = window as unknown as { __sawConverting: boolean };
      w.__sawConverting = false;
      new MutationObserver(() => (w.__sawConverting ||= !!document.querySelector('[data-testid="converting-screen"]'))).observe(document.body, { childList: true, subtree: true });
    });
    await page.getByTestId('convert-submit').click();
    // a look at the real progress when the conversion lasts long enough to catch it (not asserted)
    await page.getByTestId('converting-counts').getByText(/^[1-9][\d,]* (\/ [\d,]+ )?items/).waitFor({ timeout: 5_000 }).then(() => screenshot(page, 'e2e-store-converting-wide-light'), () => undefined);
    await page.getByTestId('conversion-summary').waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => (window as unknown as { __sawConverting: boolean }).__sawConverting)).toBe(true);
    expect(await page.getByTestId('conversion-summary').getAttribute('data-tone')).toBe('ok');
    expect(await page.getByTestId('conversion-headline').textContent()).toBe('The store is encrypted. It opens with its passphrase from now on.');
    expect(await page.getByTestId('conversion-summary').textContent()).toMatch(/\d+ items? · [\d.]+ MB in \d+ s/);
    expect(await page.getByTestId('store-protection').textContent()).toBe('Encrypted · passphrase');
    expect(await page.getByTestId('status-store').getAttribute('data-encrypted')).toBe('true');
    await screenshotLooks(page, 'e2e-store-settings-encrypted');
    expect(await page.content()).not.toContain(PASSPHRASE);
    expect(errors).toEqual([]);
    await page.close();

    // what is on disk no longer holds the runs' names or the artifact text
    for (const file of await filesUnder(storeDir)) expect((await readFile(file)).includes(MARKER), file).toBe(false);
  }, 120_000);

  it('served again, the store starts locked: a wrong passphrase is one sentence, the right one opens the same runs', async () => {
    await server!.stop();
    server = await startSextant({ dataDir: storeDir });
    const { page, errors } = await open();
    const field = page.getByTestId('unlock-passphrase');
    await field.waitFor();
    expect(await page.locator('.status-bar').count()).toBe(0);
    await screenshotLooks(page, 'e2e-store-unlock');

    await field.fill('maple quartz harbour viola');
    await field.press('Enter');
    const error = page.getByTestId('unlock-error');
    await error.waitFor();
    expect(await error.textContent()).toBe(`The passphrase does not open store ${storeDir}.`);
    expect(await field.inputValue()).toBe('');
    await screenshot(page, 'e2e-store-unlock-wrong-wide-light');

    await field.fill(PASSPHRASE);
    await field.press('Enter');
    await page.getByText(`${MARKER}-experiment`).first().waitFor();
    await page.locator('[data-app-ready="true"] .status-bar').waitFor();
    expect(await page.getByTestId('status-store').getAttribute('aria-label')).toBe('Store settings: Encrypted · passphrase');
    await page.getByText(`${MARKER}-experiment`).first().click();
    await page.getByText(`${MARKER}-run-2`).first().waitFor();
    await screenshot(page, 'e2e-store-unlocked-wide-light');
    expect(await page.content()).not.toContain(PASSPHRASE);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('decrypting from Store settings asks for the current passphrase: a wrong one changes nothing, the right one decrypts', async () => {
    const { page, errors } = await open();
    await page.locator('[data-app-ready="true"] .status-bar').waitFor();
    await page.evaluate(() => (window.location.hash = '#/store'));
    await page.getByTestId('store-decrypt').click();
    const current = page.getByTestId('current-passphrase');
    await current.fill('maple quartz harbour viola');
    await page.getByTestId('convert-submit').click();
    const refusal = page.getByTestId('convert-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe(`The passphrase does not open store ${storeDir}.`);
    expect(await current.inputValue()).toBe('');
    expect(JSON.parse(await readFile(join(storeDir, 'store.json'), 'utf8'))).toMatchObject({ encryption: { keyKind: 'passphrase' } });
    await current.fill(PASSPHRASE);
    await page.getByTestId('convert-submit').click();
    await page.getByTestId('conversion-summary').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('conversion-headline').textContent()).toBe('The store is decrypted: anyone who can read its folder can read its runs now.');
    expect(await page.getByTestId('store-protection').textContent()).toBe('Not encrypted');
    expect(JSON.parse(await readFile(join(storeDir, 'store.json'), 'utf8')).encryption).toBeUndefined();
    expect(await page.content()).not.toContain(PASSPHRASE);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
