// Screenshots of the screens the UI benchmark drives, on its large experiment, in each look
// (1400×900 and 1024×700, light and dark; test-results/e2e/bench-ui-*.png): for a person to look
// at, not measured. Taken when SEXTANT_BENCH_UI_LOOKS=1.
import { type Page } from 'playwright-core';
import { screenshotLooks } from '../../e2e/support/browser';
import { openLoaded } from './interact';

export const TAKE_LOOKS = process.env.SEXTANT_BENCH_UI_LOOKS === '1';

export interface LooksPlan {
  experimentId: string;
  runs: number;
  /** Resets the saved view before each page load. */
  resetView(): Promise<void>;
  sortColumn: string;
  filter: string;
}

const settled = (page: Page) => () => page.waitForTimeout(600);

export async function takeLooks(page: Page, plan: LooksPlan): Promise<void> {
  const open = () => openLoaded(page, plan.experimentId, plan.runs, plan.resetView);
  await open();
  await screenshotLooks(page, 'bench-ui-table', settled(page));

  await page.locator(`[role="columnheader"][data-column-id="${plan.sortColumn}"] .rt-head-sort`).click();
  await page.waitForTimeout(500);
  await screenshotLooks(page, 'bench-ui-sorted', settled(page));

  await open();
  const input = page.getByTestId('run-filter');
  await input.click();
  await input.pressSequentially(plan.filter.slice(0, -4), { delay: 20 });
  await screenshotLooks(page, 'bench-ui-filter-typing', settled(page));
  await input.pressSequentially(plan.filter.slice(-4), { delay: 20 });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="runs-table"][aria-busy="false"]').waitFor({ timeout: 120_000 });
  await screenshotLooks(page, 'bench-ui-filtered', settled(page));

  // a narrow view (only these columns read), then a grouping by a param it does not show: the
  // table shows it waiting for that column's values (one shot, taken at once), then grouped
  await openLoaded(page, `${plan.experimentId}?cols=attributes.status,metrics.metric_00`, plan.runs, plan.resetView);
  await page.getByTestId('group-by').selectOption('params.param_01');
  await page.screenshot({ path: 'test-results/e2e/bench-ui-grouping-pending-wide-light.png' });
  await page.locator('[data-testid="runs-table"][aria-busy="false"]').waitFor({ timeout: 120_000 });
  await screenshotLooks(page, 'bench-ui-grouped', settled(page));

  await open();
  const boxes = page.getByTestId('run-select');
  for (let i = 0; i < 20; i++) await boxes.nth(i).click();
  await screenshotLooks(page, 'bench-ui-selected', settled(page));
  await page.getByTestId('tab-charts').click();
  await page.waitForTimeout(3000);
  await screenshotLooks(page, 'bench-ui-charts-tab', settled(page));
  await page.getByTestId('tab-table').click();
  await page.getByTestId('compare-button').click();
  await page.waitForTimeout(3000);
  await screenshotLooks(page, 'bench-ui-compare', settled(page));
}
