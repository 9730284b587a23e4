import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAIL_READ } from '../../renderer/components/artifacts/limits';
import { e2eTitle, hasChromium, openApp, screenshotLooks, startBrowserMode, type BrowserMode } from './support/browser';
import { Seeder } from './support/seed';

// The text viewer on a 5 MB training log (numbered lines, a checkpoint every 1,000): its end
// read on demand, searched with a "3 of 17" count and next/previous, wrapped, and followed as
// the log grows (a longer version of the file uploaded over it).

const line = (i: number) => `line ${String(i).padStart(7, '0')} loss=${(1 / i).toFixed(8)} lr=0.001${i % 1000 === 0 ? ' checkpoint saved' : ''}\n`;
const log = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => line(from + k)).join('');
const LINES = 135_000;
const LOG = log(1, LINES);
const PATH = 'logs/train.log';
/** Three lines, the second far wider than any window. */
const WIDE = `first\n${'wide '.repeat(600)}end\nthird\n`;

describe.skipIf(!hasChromium)(e2eTitle('text viewer (browser mode)'), () => {
  let mode: BrowserMode;
  let seed: Seeder;
  let experimentId = '';
  let runId = '';
  let page: Page;
  let errors: string[];
  let pane: Locator;

  beforeAll(async () => {
    mode = await startBrowserMode();
    seed = new Seeder(mode.server.url);
    experimentId = await seed.experiment('text-viewer-e2e');
    runId = await seed.run(experimentId, { name: 'long-training', steps: 2, metrics: { loss: (s) => 1 / (s + 1) } });
    await seed.artifact(experimentId, runId, PATH, LOG, 'text/plain');
    await seed.artifact(experimentId, runId, 'wide.txt', WIDE, 'text/plain');
    ({ page, errors } = await openApp(mode, `#/runs/${runId}`));
    await page.getByTestId('run-tab-artifacts').click();
    await page.locator('[data-testid="artifact-entry"][data-path="logs"]').click();
    await page.locator(`[data-testid="artifact-entry"][data-path="${PATH}"]`).click();
    pane = page.locator(`[data-testid="artifact-preview"][data-path="${PATH}"]`);
    await pane.getByTestId('artifact-load-start').click();
    await page.locator(`[data-testid="artifact-preview"][data-path="${PATH}"][data-viewer="code"]`).waitFor();
  }, 120_000);

  afterAll(async () => {
    await mode?.stop();
  });

  const shownText = async () => (await pane.locator('.code-text code').textContent()) ?? '';
  /** Whether the element is inside the preview's scrolled viewport. */
  const inView = (el: Locator) =>
    el.evaluate((node) => {
      const box = node.getBoundingClientRect();
      const port = node.closest('.preview-body')!.getBoundingClientRect();
      return box.bottom > port.top && box.top < port.bottom && box.height > 0;
    });

  it('jumps to the end of a 5 MB log it had read the start of, and shows its last line', async () => {
    expect(LOG.length).toBeGreaterThan(5_000_000);
    expect(await shownText()).toMatch(/^line 0000001 /);
    await pane.getByTestId('text-tail').click();
    await expect.poll(async () => (await shownText()).endsWith(line(LINES))).toBe(true);
    expect(await pane.getByTestId('artifact-truncated').innerText()).toMatch(/Showing the last .* of .*MB/);
    // the last line is on screen: the view was scrolled to the bottom
    const last = pane.locator('.text-end');
    await expect.poll(() => inView(last)).toBe(true);
    expect(await pane.locator('.code-gutter').count()).toBe(0);
  }, 60_000);

  it('finds matches in what was read, steps through them both ways with wrap-around, and shows the current one', async () => {
    // what the end read holds: the last TAIL_READ bytes, from the first whole line
    const read = LOG.slice(LOG.indexOf('\n', LOG.length - TAIL_READ) + 1);
    const total = read.split('checkpoint saved').length - 1;
    expect(total).toBeGreaterThan(10);
    const search = pane.getByTestId('text-search');
    const count = pane.getByTestId('text-search-count');
    await search.fill('CHECKPOINT');
    // the reader was at the end: the search starts in the window shown (the last lines), not at the top
    await expect.poll(() => count.innerText()).toMatch(new RegExp(`^\\d+ of ${total}$`));
    const startAt = Number((await count.innerText()).split(' ')[0]);
    expect(startAt).toBeGreaterThan(total - 5);
    expect(startAt).toBeLessThan(total);
    await search.press('Enter');
    await expect.poll(() => count.innerText()).toBe(`${startAt + 1} of ${total}`);
    await search.press('Shift+Enter');
    await search.press('Shift+Enter');
    await expect.poll(() => count.innerText()).toBe(`${startAt - 1} of ${total}`);
    // ▼ past the last match goes round to the first; ▲ from the first to the last
    while ((await count.innerText()) !== `${total} of ${total}`) await pane.getByTestId('text-search-next').click();
    await pane.getByTestId('text-search-next').click();
    await expect.poll(() => count.innerText()).toBe(`1 of ${total}`);
    const current = pane.getByTestId('text-match-current');
    expect((await current.innerText()).toLowerCase()).toBe('checkpoint');
    await expect.poll(() => inView(current)).toBe(true);
    // the first match is in the first line holding one: its number is the first checkpoint's of the read
    const firstCheckpoint = Number(/line (\d+) [^\n]*checkpoint/.exec(read)![1]);
    expect(await current.evaluate((el) => el.parentElement!.textContent!.slice(0, el.parentElement!.textContent!.indexOf(el.textContent!)).split('\n').at(-1))).toMatch(new RegExp(`^line ${String(firstCheckpoint).padStart(7, '0')} `));
    await pane.getByTestId('text-search-prev').click();
    await expect.poll(() => count.innerText()).toBe(`${total} of ${total}`);
    await search.fill('no such text');
    await expect.poll(() => count.innerText()).toBe('No matches');
    await search.fill('checkpoint');
    await screenshotLooks(page, 'text-viewer-search');
  }, 60_000);

  it('wraps long lines on demand and remembers it', async () => {
    const body = pane.getByTestId('text-body');
    const wrap = pane.getByTestId('text-wrap');
    expect(await body.getAttribute('class')).not.toContain('wrap');
    await wrap.click();
    await expect.poll(() => body.getAttribute('class')).toContain('wrap');
    expect(await pane.locator('.code-text').evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('pre-wrap');
    // another file, then back: still wrapped; a file read from its start keeps each line's number beside it
    await page.locator('[data-testid="artifact-entry"][data-path="wide.txt"]').click();
    const wide = page.locator('[data-testid="artifact-preview"][data-path="wide.txt"]');
    await expect.poll(() => wide.getByTestId('text-body').getAttribute('class')).toContain('wrap');
    const rows = wide.locator('.code-line');
    expect(await rows.locator('.code-line-n').allTextContents()).toEqual(['1', '2', '3']);
    const heights = await rows.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    expect(heights[1]).toBeGreaterThan(heights[0]! * 3);
    expect(await wide.locator('.code-view').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await screenshotLooks(page, 'text-viewer-wrap');
    await wide.getByTestId('text-wrap').click();
    await expect.poll(() => wide.getByTestId('text-body').getAttribute('class')).not.toContain('wrap');
    expect(await wide.locator('.code-gutter').textContent()).toBe('1\n2\n3');
    await page.locator(`[data-testid="artifact-entry"][data-path="${PATH}"]`).click();
    await pane.getByTestId('artifact-load-end').click();
    await expect.poll(async () => (await shownText()).endsWith(line(LINES))).toBe(true);
  }, 60_000);

  it('follows the log as it grows: new lines appear at the bottom, kept in view', async () => {
    const follow = pane.getByTestId('text-follow');
    await follow.click();
    expect(await follow.getAttribute('aria-pressed')).toBe('true');
    await seed.artifact(experimentId, runId, PATH, LOG + log(LINES + 1, LINES + 25), 'text/plain');
    await expect.poll(async () => (await shownText()).endsWith(line(LINES + 25)), { timeout: 15_000 }).toBe(true);
    // appended, not re-read: the lines before are still there, once
    const text = await shownText();
    expect(text.split(line(LINES)).length).toBe(2);
    expect(text.endsWith(log(LINES - 2, LINES + 25))).toBe(true);
    await expect.poll(() => inView(pane.locator('.text-end'))).toBe(true);
    await seed.artifact(experimentId, runId, PATH, LOG + log(LINES + 1, LINES + 40), 'text/plain');
    await expect.poll(async () => (await shownText()).endsWith(line(LINES + 40)), { timeout: 15_000 }).toBe(true);
    await screenshotLooks(page, 'text-viewer-follow');
    // scrolling up to read stops following
    await pane.locator('.code-text').hover();
    await page.mouse.wheel(0, -400);
    await expect.poll(() => follow.getAttribute('aria-pressed')).toBe('false');
    expect(errors).toEqual([]);
  }, 60_000);
});
