import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eTitle, hasChromium, openApp, screenshotLooks, startBrowserMode, type BrowserMode } from './support/browser';
import { Seeder } from './support/seed';

// Scrolling the runs table: rows are recycled (a row coming into view takes the DOM of a row
// that left it), so after a scroll every drawn row must show its own run's name, values and
// tooltip, never those of the run its DOM showed before.

const RUNS = 240;
const name = (i: number) => `scroll-run-${String(i).padStart(3, '0')}`;
/** Long enough to overflow its cell: its tooltip is the full text. */
const note = (i: number) => `a long note that does not fit its column, written by ${name(i)} for the scroll test`;

interface DrawnRow {
  id: string;
  name: string;
  note: string;
  score: string;
  /** The mark the test put on this row's element earlier (the element is reused), if any. */
  mark: string | null;
}

const drawnRows = (page: Page): Promise<DrawnRow[]> =>
  page.getByTestId('run-row').evaluateAll((els) =>
    els.map((e) => ({
      id: e.getAttribute('data-run-id') ?? '',
      name: e.querySelector('[data-testid="run-name"]')?.textContent ?? '',
      note: e.querySelector('[data-col="params.note"]')?.textContent ?? '',
      score: e.querySelector('[data-col="metrics.score"]')?.textContent ?? '',
      mark: (e as HTMLElement).dataset.e2eMark ?? null,
    })),
  );

describe.skipIf(!hasChromium)(e2eTitle('runs table scrolling: recycled rows show their own runs (browser mode)'), () => {
  let mode: BrowserMode;
  let experimentId: string;
  /** run id → its index in the seeding */
  const indexOf = new Map<string, number>();

  beforeAll(async () => {
    mode = await startBrowserMode();
    const seed = new Seeder(mode.server.url);
    experimentId = await seed.experiment('table-scroll-e2e');
    for (let i = 0; i < RUNS; i += 8) {
      const ids = await Promise.all(
        Array.from({ length: Math.min(8, RUNS - i) }, (_, j) => seed.run(experimentId, { name: name(i + j), params: { note: note(i + j) }, metrics: { score: () => i + j }, steps: 1 })),
      );
      ids.forEach((id, j) => indexOf.set(id, i + j));
    }
  }, 180_000);

  afterAll(async () => {
    await mode?.stop();
  });

  /** Every drawn row shows the name, note and score of the run it says it is. */
  function expectOwnValues(rows: DrawnRow[]) {
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) {
      const i = indexOf.get(r.id);
      expect(i, `row of an unknown run ${r.id}`).toBeDefined();
      expect({ name: r.name, note: r.note, score: r.score }).toEqual({ name: name(i!), note: note(i!), score: String(i) });
    }
  }

  it('after scrolling down and back, each row shows its own run, in reused row elements, with its own tooltip', async () => {
    const { page, errors } = await openApp(mode, `#/experiments/${experimentId}?cols=params.note,metrics.score`);
    page.setDefaultTimeout(10_000);
    await expect.poll(() => page.getByTestId('runs-table').getAttribute('aria-rowcount')).toBe(String(RUNS));
    const table = page.getByTestId('runs-table');

    const first = await drawnRows(page);
    expectOwnValues(first);
    // mark the elements drawn now, and give a row's note cell its tooltip
    await page.getByTestId('run-row').evaluateAll((els) => els.forEach((e, i) => ((e as HTMLElement).dataset.e2eMark = String(i))));
    const topId = first[0]!.id;
    const hoveredId = first[10]!.id;
    const hovered = page.locator(`[data-testid="run-row"][data-run-id="${hoveredId}"]`);
    expect(await hovered.getAttribute('data-e2e-mark')).toBe('10');
    await hovered.locator('[data-col="params.note"]').hover();
    await expect.poll(() => hovered.locator('[data-col="params.note"]').getAttribute('title')).toBe(note(indexOf.get(hoveredId)!));

    // far down: none of the first rows is in view any more
    await table.evaluate((el) => void (el.scrollTop = 4000));
    const firstIds = new Set(first.map((r) => r.id));
    await expect.poll(async () => (await drawnRows(page)).filter((r) => firstIds.has(r.id)).length).toBe(0);
    const down = await drawnRows(page);
    expectOwnValues(down);
    // the rows that came into view were written into the elements of the rows that left
    expect(down.filter((r) => r.mark !== null).length).toBeGreaterThan(0);

    // the element whose cell got a tooltip shows another run now (in view); its tooltip follows its text
    const reused = page.locator('[data-testid="run-row"][data-e2e-mark="10"]');
    const reusedId = await reused.getAttribute('data-run-id');
    expect(reusedId).not.toBe(hoveredId);
    const [rowBox, tableBox] = [await reused.boundingBox(), await table.boundingBox()];
    expect(rowBox!.y).toBeGreaterThan(tableBox!.y + 34);
    expect(rowBox!.y + rowBox!.height).toBeLessThan(tableBox!.y + tableBox!.height);
    const reusedNote = reused.locator('[data-col="params.note"]');
    await reusedNote.hover();
    await expect.poll(() => reusedNote.getAttribute('title')).toBe(note(indexOf.get(reusedId!)!));

    // a row picked down here is selected, and only it: the selection follows the run, not the element
    await page.locator(`[data-testid="run-row"][data-run-id="${down[2]!.id}"] [data-testid="run-select"]`).click();
    await table.evaluate((el) => void (el.scrollTop = 0));
    await expect.poll(async () => (await drawnRows(page)).some((r) => r.id === topId)).toBe(true);
    expectOwnValues(await drawnRows(page));
    expect(await page.locator('[data-testid="run-row"].selected').count()).toBe(0);
    await table.evaluate((el) => void (el.scrollTop = 4000));
    await expect.poll(() => page.locator('[data-testid="run-row"].selected').getAttribute('data-run-id')).toBe(down[2]!.id);
    expect(await page.locator('[data-testid="run-row"].selected').count()).toBe(1);
    await screenshotLooks(page, 'table-scroll-recycled-rows');
    expectOwnValues(await drawnRows(page));
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
