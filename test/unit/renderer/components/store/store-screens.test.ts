import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreConversionView, StoreStatus } from '../../../../../shared/ipc/store-types';
import { CHROMIUM, hasChromium, screenshot, screenshotLooks } from '../../../../e2e/support/browser';
import { chromium } from 'playwright-core';
import { appWithStatus, callsTo, pushStatus, release } from './store-screens-page';

// The gate screens and store settings in a real Chromium, over a fake backend: what the
// desktop app alone can show (no OS keychain) and the conversion's states, each looked at.

const PATH = '/home/ada/.config/Sextant/store';
const REASON = 'No secret service is running in this desktop session (libsecret: org.freedesktop.secrets was not provided by any .service files).';
const base: StoreStatus = { path: PATH, state: 'open', encrypted: false, keyKind: null, keychain: { available: true, reason: null }, holder: 'app' };
const SECRET = 'tulip orbit canoe lantern';

const values = (page: Page) => page.$$eval('input', (inputs) => inputs.map((i) => (i as HTMLInputElement).value).filter(Boolean));

describe.skipIf(!hasChromium)('store screens', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 60_000);
  afterAll(() => browser?.close());

  it('no OS keychain: says so with the reason, asks for a passphrase twice with a strength hint, and creates the store with it', async () => {
    const { page, errors } = await appWithStatus(browser, { status: { ...base, state: 'needs-protection', keychain: { available: false, reason: REASON } } });
    const screen = page.getByTestId('keychain-unavailable-screen');
    await screen.waitFor();
    expect(await page.getByTestId('keychain-reason').textContent()).toBe(REASON);
    expect(await page.locator('.status-bar').count()).toBe(0); // nothing of the app behind it

    await page.getByTestId('protect-new').fill('kettle');
    expect(await page.getByTestId('protect-strength').getAttribute('data-level')).toBe('too-short');
    await page.getByTestId('protect-new').fill('kettle-ocean');
    expect(await page.getByTestId('protect-strength').getAttribute('data-level')).toBe('fair');
    await page.getByTestId('protect-new').fill(SECRET);
    expect(await page.getByTestId('protect-strength').getAttribute('data-level')).toBe('strong');
    await page.getByTestId('protect-confirm').fill('tulip orbit');
    await page.getByTestId('protect-differ').waitFor();
    await screenshotLooks(page, 'store-keychain-unavailable');
    await page.getByTestId('protect-confirm').press('Enter');
    expect(await page.getByTestId('protect-error').textContent()).toBe('The two passphrases differ: type the same one twice.');
    expect(await callsTo(page, 'store.protect')).toEqual([]);

    await page.getByTestId('protect-confirm').fill(SECRET);
    await page.getByTestId('protect-confirm').press('Enter');
    await page.getByTestId('status-store').waitFor();
    expect(await callsTo(page, 'store.protect')).toEqual([{ with: 'passphrase', passphrase: SECRET }]);
    expect(await page.getByTestId('status-store').getAttribute('aria-label')).toBe('Store settings: Encrypted · passphrase');
    expect(await page.content()).not.toContain(SECRET);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('no OS keychain: keeping the store unencrypted is a second, confirmed choice', async () => {
    const { page } = await appWithStatus(browser, { status: { ...base, state: 'needs-protection', keychain: { available: false, reason: REASON } }, viewport: { width: 1024, height: 700 } });
    await page.getByTestId('protect-plain-ask').click();
    await page.getByTestId('protect-plain-confirm').waitFor();
    await screenshotLooks(page, 'store-keychain-unavailable-plain');
    await page.getByTestId('protect-plain-confirm').click();
    await page.getByTestId('status-store').waitFor();
    expect(await callsTo(page, 'store.protect')).toEqual([{ with: 'none' }]);
    await page.close();
  }, 60_000);

  it('unlock: Enter submits, busy while the key is checked, one sentence for a wrong passphrase, the field emptied; the right one opens the app', async () => {
    const { page, errors } = await appWithStatus(browser, { status: { ...base, state: 'locked', encrypted: true, keyKind: 'passphrase' }, passphrase: SECRET, hold: ['store.unlock'] });
    const field = page.getByTestId('unlock-passphrase');
    await field.fill('tulip orbit canoe');
    await field.press('Enter');
    await page.getByText('Unlocking…').waitFor();
    expect(await field.isDisabled()).toBe(true);
    await screenshot(page, 'store-unlock-busy-wide-light');
    await release(page, 'store.unlock');
    expect(await page.getByTestId('unlock-error').textContent()).toBe(`The passphrase does not open store ${PATH}.`);
    expect(await field.inputValue()).toBe('');
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshotLooks(page, 'store-unlock-wrong');

    expect(await page.getByTestId('unlock-switch').count()).toBe(0); // a passphrase store opens with its passphrase only
    await field.fill(SECRET);
    await page.getByTestId('unlock-submit').click();
    await release(page, 'store.unlock');
    await page.getByTestId('status-store').waitFor();
    expect(await callsTo(page, 'store.unlock')).toEqual([{ passphrase: 'tulip orbit canoe' }, { passphrase: SECRET }]);
    expect(await values(page)).not.toContain(SECRET);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('unlock: a key-file store asks for the key file path; an OS-keychain store that cannot reach it says why and what to do', async () => {
    const { page } = await appWithStatus(browser, { status: { ...base, state: 'locked', encrypted: true, keyKind: 'key-file', lastError: undefined } });
    await page.getByTestId('unlock-key-file').fill('/media/usb/keys/store.key');
    await page.getByTestId('unlock-key-file').press('Enter');
    await page.getByTestId('unlock-error').waitFor();
    expect(await callsTo(page, 'store.unlock')).toEqual([{ keyFile: '/media/usb/keys/store.key' }]);
    expect(await page.getByTestId('unlock-error').textContent()).toBe(`The key file /media/usb/keys/store.key does not open store ${PATH}.`);
    expect(await page.getByTestId('unlock-key-file').inputValue()).toBe('/media/usb/keys/store.key'); // a path is not a secret: kept to correct
    await screenshot(page, 'store-unlock-key-file-wide-light');
    await page.close();

    const reason = 'The OS keychain is locked (gnome-keyring did not answer).';
    const { page: p2 } = await appWithStatus(browser, { status: { ...base, state: 'locked', encrypted: true, keyKind: 'os-keychain', keychain: { available: false, reason }, lastError: 'the OS keychain cannot unwrap the key of store /home/ada/.config/Sextant/store' } });
    await p2.getByTestId('unlock-screen').waitFor();
    expect(await p2.locator('input').count()).toBe(0);
    expect(await p2.getByTestId('unlock-error').textContent()).toBe('The OS keychain cannot unwrap the key of store /home/ada/.config/Sextant/store.');
    await screenshotLooks(p2, 'store-unlock-keychain');
    await p2.close();
  }, 60_000);

  it('store settings: encrypt with a passphrase after a confirmation, the converting screen with progress, then the summary', async () => {
    const status: StoreStatus = { ...base, holder: 'serve', keychain: { available: false, reason: 'sextant serve has no OS keychain: use a passphrase or a key file.' } };
    const { page, errors } = await appWithStatus(browser, { status });
    await page.evaluate(() => (window.location.hash = '#/store'));
    await page.getByTestId('store-page').waitFor();
    expect(await page.getByTestId('store-protection').textContent()).toBe('Not encrypted');
    expect(await page.getByTestId('store-size').textContent()).toBe('734.0 MB');
    await screenshotLooks(page, 'store-settings-plain');

    await page.getByTestId('store-encrypt').click();
    const dialog = page.getByTestId('convert-dialog');
    expect(await page.getByTestId('key-kind-os-keychain').isDisabled()).toBe(true);
    expect(await page.getByTestId('key-kind-passphrase').isChecked()).toBe(true);
    await page.getByTestId('convert-new').fill(SECRET);
    await page.getByTestId('convert-confirm').fill(SECRET);
    await screenshotLooks(page, 'store-encrypt-dialog');
    await page.getByTestId('convert-submit').click();
    await dialog.getByTestId('convert-confirmation').waitFor();
    expect(await dialog.textContent()).toContain(`Store ${PATH} will be encrypted with your passphrase.`);
    expect(await callsTo(page, 'store.encrypt')).toEqual([]);
    await screenshotLooks(page, 'store-encrypt-confirm');
    await page.getByTestId('convert-submit').click();
    await page.getByTestId('converting-screen').waitFor();
    expect(await callsTo(page, 'store.encrypt')).toEqual([{ key: { kind: 'passphrase', passphrase: SECRET } }]);

    const running = (await page.evaluate(() => (window as unknown as { __fake: { status: StoreStatus } }).__fake.status.conversion))!;
    const progress = (itemsDone: number, bytesDone: number, current: string): StoreStatus => ({
      ...status, state: 'converting', conversion: { ...running, progress: { phase: 'encrypting artifacts', current, itemsDone, itemsTotal: 1200, bytesDone, bytesTotal: 734_003_200 } },
    });
    await pushStatus(page, progress(100, 60_000_000, 'artifacts/model.pkl'));
    await page.waitForTimeout(1100);
    await pushStatus(page, progress(400, 240_000_000, 'artifacts/weights/epoch-12.pt'));
    await page.getByText(/about .* left/).waitFor();
    expect(await page.getByTestId('converting-counts').textContent()).toMatch(/^400 \/ 1,200 items · 240\.0 MB \/ 734\.0 MB · [\d.]+ MB\/s · about .+ left$/);
    expect(await page.getByTestId('converting-phase').textContent()).toBe('encrypting artifacts: artifacts/weights/epoch-12.pt');
    expect(await page.getByTestId('converting-cancel').isVisible()).toBe(true);
    await screenshotLooks(page, 'store-converting');

    const done: StoreConversionView = { ...running, state: 'succeeded', endedAt: running.startedAt + 83_000, toKeyKind: 'passphrase', progress: { phase: 'done', itemsDone: 1200, itemsTotal: 1200, bytesDone: 734_003_200, bytesTotal: 734_003_200 }, outcome: { summary: 'encrypted 1200 files', problems: [] } };
    await pushStatus(page, { ...status, encrypted: true, keyKind: 'passphrase', conversion: done });
    await page.getByTestId('conversion-summary').waitFor();
    expect(await page.getByTestId('conversion-headline').textContent()).toBe('The store is encrypted. It opens with its passphrase from now on.');
    expect(await page.getByTestId('conversion-summary').textContent()).toContain('1,200 items · 734.0 MB in 1 min 23 s');
    expect(await page.getByTestId('store-protection').textContent()).toBe('Encrypted · passphrase');
    await screenshotLooks(page, 'store-settings-encrypted');
    expect(await page.content()).not.toContain(SECRET);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('store settings: change key to a new key file, and decrypt with its warning; a refusal stays in the dialog', async () => {
    const status: StoreStatus = { ...base, encrypted: true, keyKind: 'os-keychain' };
    const { page } = await appWithStatus(browser, { status, viewport: { width: 1024, height: 700 } });
    await page.evaluate(() => (window.location.hash = '#/store'));
    await page.getByTestId('store-rekey').click();
    expect(await page.getByTestId('key-kind-os-keychain').isChecked()).toBe(true);
    await page.getByTestId('key-kind-key-file').check();
    await page.getByTestId('convert-submit').click();
    expect(await page.getByTestId('convert-error').textContent()).toBe("Type the key file's full path.");
    await page.getByTestId('convert-key-file').fill('keys/store.key');
    await page.getByTestId('convert-submit').click();
    expect(await page.getByTestId('convert-error').textContent()).toMatch(/full path, from the root/);
    await page.getByTestId('convert-key-file').fill('/home/ada/keys/store.key');
    await screenshotLooks(page, 'store-rekey-dialog');
    await page.getByTestId('convert-submit').click();
    expect(await page.getByTestId('convert-dialog').textContent()).toContain(`Store ${PATH} will open with the key file /home/ada/keys/store.key from now on, no longer with its key in the OS keychain.`);
    // an OS-keychain store has no secret to ask for: its folder name is typed to confirm
    await page.getByTestId('convert-submit').click();
    expect(await page.getByTestId('convert-error').textContent()).toBe("Type the store's folder name, store, to confirm.");
    await page.getByTestId('current-folder').fill('stor');
    await page.getByTestId('convert-submit').click();
    expect(await page.getByTestId('convert-error').textContent()).toBe("That is not the store's folder name: type store exactly.");
    expect(await callsTo(page, 'store.rekey')).toEqual([]);
    await page.getByTestId('current-folder').fill('store');
    await screenshotLooks(page, 'store-rekey-confirm-folder');
    await page.getByTestId('convert-submit').click();
    await page.getByTestId('converting-screen').waitFor();
    expect(await callsTo(page, 'store.rekey')).toEqual([{ key: { kind: 'key-file', path: '/home/ada/keys/store.key', generate: true }, current: { folderName: 'store' } }]);
    expect(await page.getByTestId('converting-cancel').count()).toBe(0); // a rekey cannot be cancelled

    await page.close();
    const { page: p2 } = await appWithStatus(browser, { status });
    await p2.evaluate(() => (window.location.hash = '#/store'));
    await p2.getByTestId('store-decrypt').click();
    expect(await p2.getByTestId('convert-confirmation').textContent()).toContain('anyone who can read its folder');
    await p2.getByTestId('current-folder').fill('store');
    await screenshotLooks(p2, 'store-decrypt-confirm');
    await p2.getByTestId('convert-submit').click();
    await p2.getByTestId('converting-screen').waitFor();
    await p2.getByTestId('converting-cancel').click();
    await p2.getByTestId('conversion-summary').waitFor();
    expect(await p2.getByTestId('conversion-headline').textContent()).toBe('Decrypting the store was cancelled: the store is as it was.');
    expect(await callsTo(p2, 'store.decrypt')).toEqual([{ current: { folderName: 'store' } }]);
    await p2.close();
  }, 90_000);

  it('decrypt of a passphrase store asks for the current passphrase: a wrong one is refused in the dialog and emptied, the right one starts it', async () => {
    const status: StoreStatus = { ...base, encrypted: true, keyKind: 'passphrase' };
    const { page } = await appWithStatus(browser, { status, passphrase: SECRET, viewport: { width: 1024, height: 700 } });
    await page.evaluate(() => (window.location.hash = '#/store'));
    await page.getByTestId('store-decrypt').click();
    await page.getByTestId('convert-submit').click();
    expect(await page.getByTestId('convert-error').textContent()).toBe('Enter the current passphrase.');
    await page.getByTestId('current-passphrase').fill('not the passphrase');
    await page.getByTestId('convert-submit').click();
    expect(await page.getByTestId('convert-error').textContent()).toBe(`The passphrase does not open store ${PATH}.`);
    expect(await page.getByTestId('current-passphrase').inputValue()).toBe('');
    await page.getByTestId('current-passphrase').fill(SECRET);
    expect(await page.getByTestId('convert-error').count()).toBe(0); // typing again takes the refusal away
    await screenshotLooks(page, 'store-decrypt-current-passphrase');
    await page.getByTestId('current-passphrase').press('Enter');
    await page.getByTestId('converting-screen').waitFor();
    expect(await callsTo(page, 'store.decrypt')).toEqual([{ current: { passphrase: 'not the passphrase' } }, { current: { passphrase: SECRET } }]);
    expect(await values(page)).not.toContain(SECRET);
    await page.close();
  }, 60_000);

  it('key files: Browse… in the desktop app (the OS picker fills the path), a typed path in browser mode', async () => {
    const status: StoreStatus = { ...base, encrypted: true, keyKind: 'key-file' };
    const { page } = await appWithStatus(browser, { status, picker: { picked: '/home/ada/keys/next.key' } });
    await page.evaluate(() => (window.location.hash = '#/store'));
    await page.getByTestId('store-rekey').click();
    await page.getByTestId('key-kind-key-file').check();
    await page.getByTestId('convert-key-file-browse').click();
    await page.waitForFunction(() => (document.querySelector('[data-testid="convert-key-file"]') as HTMLInputElement).value === '/home/ada/keys/next.key');
    await screenshotLooks(page, 'store-rekey-key-file-browse');
    await page.getByTestId('convert-submit').click();
    await page.evaluate(() => ((window as unknown as { __fake: { picked: string } }).__fake.picked = '/home/ada/keys/current.key'));
    await page.getByTestId('current-key-file-browse').click();
    await page.waitForFunction(() => (document.querySelector('[data-testid="current-key-file"]') as HTMLInputElement).value === '/home/ada/keys/current.key');
    await page.getByTestId('convert-submit').click();
    await page.getByTestId('converting-screen').waitFor();
    expect(await callsTo(page, 'app.pickPath')).toEqual([{ purpose: 'key-file-out' }, { purpose: 'key-file' }]);
    expect(await callsTo(page, 'store.rekey')).toEqual([{ key: { kind: 'key-file', path: '/home/ada/keys/next.key', generate: true }, current: { keyFile: '/home/ada/keys/current.key' } }]);
    await page.close();

    const locked: StoreStatus = { ...status, state: 'locked' };
    const desktop = await appWithStatus(browser, { status: locked, picker: { picked: '/home/ada/keys/store.key' } });
    await desktop.page.getByTestId('unlock-key-file-browse').click();
    await desktop.page.waitForFunction(() => (document.querySelector('[data-testid="unlock-key-file"]') as HTMLInputElement).value === '/home/ada/keys/store.key');
    expect(await desktop.page.getByTestId('unlock-key-file-typed').count()).toBe(0);
    await screenshotLooks(desktop.page, 'store-unlock-key-file-browse');
    await desktop.page.close();
    const browserMode = await appWithStatus(browser, { status: locked });
    await browserMode.page.getByTestId('unlock-key-file-typed').waitFor();
    expect(await browserMode.page.getByTestId('unlock-key-file-browse').count()).toBe(0);
    await browserMode.page.close();
  }, 90_000);
});
