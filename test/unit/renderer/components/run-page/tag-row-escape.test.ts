import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, pageWithScript } from './chromium-page';

/** RunTags with one user tag in a real React root; saves are recorded, and so are keys reaching the window. */
const ENTRY = `
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { RunTags } from './renderer/components/run-page/RunTags';

const w = window as unknown as { saved: string[]; windowKeys: string[] };
w.saved = [];
w.windowKeys = [];
window.addEventListener('keydown', (e) => w.windowKeys.push(e.key));
const setTag = async (key: string, value: string) => { w.saved.push(key + '=' + value); };
createRoot(document.getElementById('root')!).render(
  createElement('section', { className: 'run-section' },
    createElement(RunTags, { tags: [{ key: 'team', value: 'vision' }], setTag, deleteTag: async () => undefined })),
);
`;

const tagRow = (page: Page) => page.locator('[data-testid="run-tag"][data-key="team"]');
const saved = (page: Page) => page.evaluate(() => (window as unknown as { saved: string[] }).saved);

describe.skipIf(!hasChromium)('editing a run tag', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  beforeEach(async () => {
    await page?.close();
    page = await pageWithScript(browser, ENTRY);
    await tagRow(page).getByRole('button', { name: 'Edit' }).click();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('Esc in the value field cancels the edit without saving', async () => {
    const input = page.getByLabel('Value of team');
    await input.fill('changed');
    await input.press('Escape');
    await expect.poll(() => tagRow(page).locator('form.tag-edit').count()).toBe(0);
    expect(await tagRow(page).locator('td.value').textContent()).toBe('vision');
    expect(await saved(page)).toEqual([]);
  });

  it('Esc on the form buttons cancels too, and goes no further than the form', async () => {
    await page.getByLabel('Value of team').fill('changed');
    await tagRow(page).getByRole('button', { name: 'Cancel' }).focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => tagRow(page).locator('form.tag-edit').count()).toBe(0);
    expect(await saved(page)).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { windowKeys: string[] }).windowKeys)).toEqual([]);
  });

  it('Enter still saves', async () => {
    const input = page.getByLabel('Value of team');
    await input.fill('changed');
    await input.press('Enter');
    await expect.poll(() => saved(page)).toEqual(['team=changed']);
    await expect.poll(() => tagRow(page).locator('form.tag-edit').count()).toBe(0);
  });
});
