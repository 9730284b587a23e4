import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyValue, Metric } from '../../../../../shared/domain/tracking';
import { MetricsTable } from '../../../../../renderer/components/run-page/MetricsTable';
import { ParamsTable } from '../../../../../renderer/components/run-page/ParamsTable';
import { RunTags } from '../../../../../renderer/components/run-page/RunTags';
import { hasChromium, launchChromium, pageWithMarkup } from './chromium-page';

const LONG = (prefix: string) => `${prefix}_${'abcdefghij'.repeat(20)}`.slice(0, 200);
const PARAMS: KeyValue[] = [
  { key: 'lr', value: '0.01' },
  { key: LONG('param_key'), value: LONG('param_value') },
  { key: 'optimizer', value: 'adam' },
];
const T0 = Date.UTC(2024, 0, 1, 12, 0, 0);
const METRICS: Metric[] = [
  { key: LONG('metric_key'), value: 0.123456789, step: 4_999, timestamp: T0 },
  ...Array.from({ length: 9 }, (_, i): Metric => ({ key: `m${i}`, value: -1.23456789e10 * (i + 1), step: 1_000_000 + i, timestamp: T0 })),
];
const TAGS: KeyValue[] = [{ key: LONG('tag_key'), value: LONG('tag_value') }, { key: `mlflow.${LONG('system')}`, value: LONG('x') }];
const noop = () => Promise.resolve();

/** The overview's two column rows at the width of a laptop window (columns of about 540 px). */
const OVERVIEW = `
<div class="page run-page" style="width: 1140px">
  <div class="run-columns">
    ${renderToStaticMarkup(createElement(ParamsTable, { params: PARAMS }))}
    ${renderToStaticMarkup(createElement(MetricsTable, { metrics: METRICS }))}
  </div>
  <div class="run-columns">
    ${renderToStaticMarkup(createElement(RunTags, { tags: TAGS, setTag: noop, deleteTag: noop }))}
    <div></div>
  </div>
</div>`;

interface Box { left: number; right: number; width: number }
const box = (page: Page, selector: string): Promise<Box> =>
  page.locator(selector).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, width: r.width };
  });

describe.skipIf(!hasChromium)('run page tables with 200-character names', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    page = await pageWithMarkup(browser, OVERVIEW);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('keeps each table inside its section, so Parameters never overlaps Metrics', async () => {
    for (const section of ['run-params', 'run-metrics', 'run-tags']) {
      const s = await box(page, `[data-testid="${section}"]`);
      expect(s.width, section).toBeGreaterThan(400);
      expect(s.width, section).toBeLessThan(700);
      for (const table of await page.locator(`[data-testid="${section}"] table`).all()) {
        const t = await table.evaluate((el) => el.getBoundingClientRect().right);
        expect(t, section).toBeLessThanOrEqual(s.right + 0.5);
      }
    }
    const params = await box(page, '[data-testid="run-params"] table');
    const metrics = await box(page, '[data-testid="run-metrics"]');
    expect(params.right).toBeLessThanOrEqual(metrics.left);
  });

  it('wraps long keys and values onto several lines inside the section', async () => {
    const cells: [string, string, string][] = [
      ['run-params', 'th', 'param_key_'],
      ['run-params', 'td', 'param_value_'],
      ['run-metrics', 'tbody th', 'metric_key_'],
      ['run-tags', 'th', 'tag_key_'],
      ['run-tags', 'td', 'tag_value_'],
    ];
    for (const [section, cell, text] of cells) {
      const s = await box(page, `[data-testid="${section}"]`);
      const c = await page.locator(`[data-testid="${section}"] ${cell}`, { hasText: text }).first().evaluate((el) => {
        const r = el.getBoundingClientRect();
        return { right: r.right, height: r.height, overflow: el.scrollWidth - el.clientWidth };
      });
      expect(c.right, text).toBeLessThanOrEqual(s.right + 0.5);
      expect(c.overflow, text).toBeLessThanOrEqual(0);
      expect(c.height, text).toBeGreaterThan(40);
    }
  });

  it('keeps the Latest, Step and Logged columns on screen and their numbers whole', async () => {
    const section = await box(page, '[data-testid="run-metrics"]');
    const heads = page.locator('[data-testid="run-metrics"] thead th');
    expect(await heads.allTextContents()).toEqual(['Metric', 'Latest', 'Step', 'Logged']);
    for (let i = 1; i < 4; i++) {
      const head = await heads.nth(i).evaluate((el) => {
        const r = el.getBoundingClientRect();
        return { left: r.left, right: r.right, width: r.width };
      });
      expect(head.right).toBeLessThanOrEqual(section.right + 0.5);
      expect(head.width).toBeGreaterThan(40);
    }
    // Numbers and times stay on one line and are not clipped.
    const cells = await page.locator('[data-testid="run-metrics"] tbody td').evaluateAll((els) =>
      els.map((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return { text: el.textContent, clipped: el.scrollWidth > el.clientWidth, lines: range.getClientRects().length };
      }),
    );
    expect(cells.length).toBe(METRICS.length * 3);
    for (const c of cells) {
      expect(c.clipped, String(c.text)).toBe(false);
      expect(c.lines, String(c.text)).toBe(1);
    }
  });
});
