import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cspViolations, e2eTitle, hasChromium, openApp, screenshot, startBrowserMode, type BrowserMode } from './support/browser';
import { colouredSpots } from './support/canvas';
import { Seeder } from './support/seed';
import { runCell } from './support/table';

// Security in browser mode. Run names, tags, params, descriptions and artifacts carrying HTML,
// script and javascript: links are shown as text (or sanitised Markdown) and run nothing. The
// launch token and Origin checks of browser mode are in security-token.test.ts.

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=1</script>';
const JS_LINK = 'javascript:window.__pwned=1';
const SVG_ONLOAD = '<svg onload="window.__pwned=1"></svg>';
const MARKDOWN = [
  '# Notes',
  '',
  IMG,
  '',
  SCRIPT,
  '',
  `[click me](${JS_LINK})`,
  '',
  `<a href="${JS_LINK}">raw link</a> <iframe src="${JS_LINK}"></iframe> ${SVG_ONLOAD}`,
  '',
  '<details open ontoggle="window.__pwned=1"><summary>x</summary></details>',
].join('\n');
const SVG_FILE = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" onload="window.__pwned=1"><script>window.__pwned=1</script><circle cx="20" cy="20" r="15" fill="teal"/></svg>`;

// An SVG whose script and onload would, in a document of the app's origin, read the token.
const SVG_STEALS = [
  `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80" onload="document.title='pwned';window.__pwned=1">`,
  `<script>document.title='pwned';window.__pwned=1;localStorage.setItem('stolen',localStorage.getItem('sextant.uiToken'))</script>`,
  `<rect width="120" height="80" fill="orange"/><circle cx="60" cy="40" r="30" fill="teal"/></svg>`,
].join('');
const SVG_VIEWBOX_ONLY = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 10"><rect width="30" height="10" fill="navy"/><circle cx="5" cy="5" r="4" fill="gold"/></svg>`;
const SVG_BROKEN = `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10"`;
// Markdown that would lay itself over the whole window: a styled div, one of the app's own
// fixed-position classes, and a style sheet.
const OVERLAY_MD = [
  '# Overlay',
  '',
  '<div data-probe="styled" style="position:fixed;inset:0;z-index:9999;background:rgb(255 0 0 / 0.5)">styled overlay</div>',
  '',
  '<div data-probe="backdrop" class="modal-backdrop">class overlay</div>',
  '',
  '<style>.app { visibility: hidden }</style>',
].join('\n');

/** What would show that something ran or that markup got into the page as markup. */
async function expectInert(page: Page, where: string, errors: string[], dialogs: string[]) {
  const probe = await page.evaluate(() => {
    const all = Array.from(document.querySelectorAll('*'));
    return {
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      handlers: all.flatMap((el) => Array.from(el.attributes).filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName.toLowerCase()}[${a.name}]`)),
      jsUrls: all.flatMap((el) => ['href', 'src', 'action', 'formaction', 'xlink:href'].filter((n) => /^\s*javascript:/i.test(el.getAttribute(n) ?? '')).map((n) => `${el.tagName.toLowerCase()}[${n}]`)),
      inlineScripts: Array.from(document.scripts).filter((s) => !s.src).length,
      foreignScripts: Array.from(document.scripts).filter((s) => s.src && new URL(s.src).origin !== location.origin).length,
      frames: Array.from(document.querySelectorAll('iframe')).map((f) => ({ sandbox: f.getAttribute('sandbox'), src: f.getAttribute('src') ?? '' })),
    };
  });
  expect(probe.pwned, `${where}: window.__pwned`).toBeUndefined();
  expect(await cspViolations(page), `${where}: blocked by the CSP (something tried to run)`).toEqual([]);
  expect(probe.handlers, `${where}: inline event handlers in the DOM`).toEqual([]);
  expect(probe.jsUrls, `${where}: javascript: URLs in the DOM`).toEqual([]);
  expect(probe.inlineScripts, `${where}: inline <script> elements`).toBe(0);
  expect(probe.foreignScripts, `${where}: scripts from elsewhere`).toBe(0);
  for (const f of probe.frames) expect(f.sandbox === '' || f.src.startsWith('blob:'), `${where}: frame ${JSON.stringify(f)}`).toBe(true);
  expect(errors, `${where}: page errors`).toEqual([]);
  expect(dialogs, `${where}: dialogs`).toEqual([]);
}

/** Moves the pointer over a chart on a grid until `text` shows in it (a tooltip), or the grid ends. */
async function hoverUntil(page: Page, chart: Locator, text: string, cols = 24, rows = 10): Promise<string> {
  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.boundingBox())!;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      await page.mouse.move(box.x + ((c + 0.5) * box.width) / cols, box.y + ((r + 0.5) * box.height) / rows);
      const shown = await chart.evaluate((el) => (el as HTMLElement).innerText);
      if (shown.includes(text)) return shown;
    }
  }
  return chart.evaluate((el) => (el as HTMLElement).innerText);
}

describe.skipIf(!hasChromium)(e2eTitle('hostile content renders as text (browser mode)'), () => {
  let mode: BrowserMode;
  let experimentId = '';
  let imgRun = '';
  let scriptRun = '';
  let overlayExperiment = '';
  let overlayRun = '';
  let svgRun = '';

  beforeAll(async () => {
    mode = await startBrowserMode();
    const seed = new Seeder(mode.server.url);
    experimentId = await seed.experiment(`xss ${IMG}`);
    await seed.setExperimentTag(experimentId, 'mlflow.note.content', MARKDOWN);
    await seed.setExperimentTag(experimentId, 'owner', SCRIPT);
    const common = {
      params: { html: IMG, script: SCRIPT, url: JS_LINK },
      tags: { note: SCRIPT, link: JS_LINK, 'mlflow.note.content': MARKDOWN, 'mlflow.source.name': JS_LINK, 'mlflow.source.git.repoURL': JS_LINK, 'mlflow.source.git.commit': IMG },
      steps: 30,
    };
    imgRun = await seed.run(experimentId, { ...common, name: IMG, metrics: { loss: (s) => 1 / (s + 1), score: () => 1 } });
    scriptRun = await seed.run(experimentId, { ...common, name: SCRIPT, params: { ...common.params, html: SVG_ONLOAD }, metrics: { loss: (s) => 2 / (s + 1), score: () => 2 } });
    await seed.artifact(experimentId, imgRun, 'notes.txt', `${IMG}\n${SCRIPT}\n${JS_LINK}\n`, 'text/plain');
    await seed.artifact(experimentId, imgRun, 'README.md', MARKDOWN, 'text/markdown');
    await seed.artifact(experimentId, imgRun, 'evil.svg', SVG_FILE, 'image/svg+xml');
    await seed.artifact(experimentId, imgRun, 'page.html', `<p>${SCRIPT}</p><script>window.top.__pwned=1;parent.__pwned=1</script>${IMG}`, 'text/html');
    await seed.artifact(experimentId, imgRun, 'data.json', JSON.stringify({ [IMG]: SCRIPT, link: JS_LINK }), 'application/json');
    await seed.artifact(experimentId, imgRun, 'config.yaml', `title: "${IMG}"\nrun: "${SCRIPT}"\n`, 'application/yaml');
    overlayExperiment = await seed.experiment('overlay');
    await seed.setExperimentTag(overlayExperiment, 'mlflow.note.content', OVERLAY_MD);
    overlayRun = await seed.run(overlayExperiment, { name: 'overlay', tags: { 'mlflow.note.content': OVERLAY_MD } });
    const svgExperiment = await seed.experiment('svg');
    svgRun = await seed.run(svgExperiment, { name: 'svg' });
    await seed.artifact(svgExperiment, svgRun, 'steals.svg', SVG_STEALS, 'image/svg+xml');
    await seed.artifact(svgExperiment, svgRun, 'viewbox.svg', SVG_VIEWBOX_ONLY, 'image/svg+xml');
    await seed.artifact(svgExperiment, svgRun, 'broken.svg', SVG_BROKEN, 'image/svg+xml');
    await seed.artifact(experimentId, imgRun, 'evil.js', 'window.__pwned=1', 'text/javascript');
    await seed.artifact(experimentId, imgRun, 'table.csv', `name,value\n"${IMG.replace(/"/g, '""')}",1\n`, 'text/csv');
  }, 120_000);

  afterAll(async () => {
    await mode?.stop();
  });

  async function open(route: string) {
    const { page, errors } = await openApp(mode, route);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    return { page, errors, dialogs };
  }

  it('shows names, params, tags and the description on the experiment page as text', async () => {
    const { page, errors, dialogs } = await open(`#/experiments/${experimentId}`);
    await page.getByTestId('run-row').nth(1).waitFor();
    expect(await page.getByTestId('experiment-name').textContent()).toBe(`xss ${IMG}`);
    expect(await page.getByTestId('experiment-link').allTextContents()).toContain(`xss ${IMG}`);
    expect((await page.getByTestId('run-row').getByTestId('run-name').allTextContents()).sort()).toEqual([IMG, SCRIPT].sort());
    const row = page.locator(`[data-testid="run-row"][data-run-id="${imgRun}"]`);
    expect(await runCell(page, row, 'params.html')).toBe(IMG);
    expect(await runCell(page, row, 'params.url')).toBe(JS_LINK);
    expect(await runCell(page, row, 'tags.note')).toBe(SCRIPT);
    // the experiment description is Markdown, sanitised: the heading stays, the rest is defused
    const description = page.getByTestId('experiment-description');
    expect(await description.locator('h1').textContent()).toBe('Notes');
    expect(await description.locator('a', { hasText: 'click me' }).count()).toBeLessThanOrEqual(1);
    expect(await description.locator('iframe, script').count()).toBe(0);
    expect(await page.getByTestId('experiment-tags').innerText()).toContain(SCRIPT);
    await screenshot(page, 'security-experiment');
    await expectInert(page, 'experiment page', errors, dialogs);

    // the Charts tab: legend and a tooltip carrying the run names
    await page.getByTestId('tab-charts').click();
    const legend = page.locator('.run-legend');
    await legend.waitFor();
    expect((await legend.locator('a').allTextContents()).sort()).toEqual([IMG, SCRIPT].sort());
    const chart = page.locator('[data-metric-key="loss"]').getByTestId('echart');
    await chart.waitFor();
    await page.waitForFunction(() => performance.getEntriesByName('sextant:chart-drawn').length > 0);
    const tooltip = await hoverUntil(page, chart, IMG, 12, 3);
    expect(tooltip).toContain(IMG);
    expect(tooltip).toContain(SCRIPT);
    await screenshot(page, 'security-chart-tooltip');
    await expectInert(page, 'experiment charts', errors, dialogs);
    await page.close();
  }, 120_000);

  it('shows the run page (header, params, tags, source, description) as text', async () => {
    const { page, errors, dialogs } = await open(`#/runs/${imgRun}`);
    const runPage = page.getByTestId('run-page');
    await expect.poll(() => runPage.getByTestId('run-name').textContent()).toBe(IMG);
    const params = await runPage.getByTestId('run-params').locator('tr').allInnerTexts();
    expect(params).toEqual([`html\t${IMG}`, `script\t${SCRIPT}`, `url\t${JS_LINK}`]);
    expect(await runPage.locator('[data-testid="run-tag"][data-key="note"] td.value').textContent()).toBe(SCRIPT);
    expect(await runPage.locator('[data-testid="run-tag"][data-key="link"] td.value').textContent()).toBe(JS_LINK);
    expect(await runPage.locator('.run-facts').innerText()).toContain(JS_LINK);
    expect(await runPage.locator('.run-description h1').textContent()).toBe('Notes');
    await runPage.locator('.system-tags summary').click();
    expect(await runPage.locator('.system-tags').innerText()).toContain(JS_LINK);
    await screenshot(page, 'security-run');
    await expectInert(page, 'run page', errors, dialogs);
    await page.close();
  }, 120_000);

  it('previews hostile artifacts as text, an inert image, sanitised Markdown or a sandboxed frame', async () => {
    const { page, errors, dialogs } = await open(`#/runs/${imgRun}`);
    await page.getByTestId('run-tab-artifacts').click();
    const show = async (path: string, viewer: string) => {
      await page.locator(`[data-testid="artifact-entry"][data-path="${path}"]`).click();
      const pane = page.locator(`[data-testid="artifact-preview"][data-path="${path}"]`);
      await expect.poll(() => pane.getAttribute('data-viewer'), { message: path }).toBe(viewer);
      return pane;
    };

    const txt = await show('notes.txt', 'code');
    expect(await txt.locator('.code-text code').textContent()).toBe(`${IMG}\n${SCRIPT}\n${JS_LINK}\n`);
    await expectInert(page, 'notes.txt', errors, dialogs);

    const md = await show('README.md', 'markdown');
    expect(await md.locator('.markdown h1').textContent()).toBe('Notes');
    expect(await md.locator('.markdown script, .markdown iframe').count()).toBe(0);
    await screenshot(page, 'security-markdown');
    await expectInert(page, 'README.md', errors, dialogs);

    const svg = await show('evil.svg', 'image');
    const img = svg.locator('img');
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    expect(await img.getAttribute('src')).toMatch(/^blob:/);
    expect(await page.locator('svg circle[fill="teal"]').count()).toBe(0); // never inlined
    await expectInert(page, 'evil.svg', errors, dialogs);

    const html = await show('page.html', 'html');
    expect(await html.locator('iframe').getAttribute('sandbox')).toBe('');
    expect(await html.frameLocator('iframe').locator('p').count()).toBe(1); // parsed as a document, inert
    await expectInert(page, 'page.html', errors, dialogs);

    const json = await show('data.json', 'json');
    const jsonText = await json.locator('.preview-body').innerText();
    expect(jsonText).toContain(IMG);
    expect(jsonText).toContain(SCRIPT);
    const yaml = await show('config.yaml', 'yaml');
    expect(await yaml.locator('code').textContent()).toContain(IMG);
    const csv = await show('table.csv', 'table');
    expect(await csv.locator('tbody td').nth(1).textContent()).toBe(IMG);
    await screenshot(page, 'security-artifacts');
    await expectInert(page, 'json/yaml/csv', errors, dialogs);
    await page.close();
  }, 120_000);

  it('shows an SVG artifact as a PNG drawn from it, so its script never runs in the app origin', async () => {
    const { page, errors, dialogs } = await open(`#/runs/${svgRun}`);
    const title = await page.title();
    await page.getByTestId('run-tab-artifacts').click();
    const show = async (path: string) => {
      await page.locator(`[data-testid="artifact-entry"][data-path="${path}"]`).click();
      const pane = page.locator(`[data-testid="artifact-preview"][data-path="${path}"]`);
      await expect.poll(() => pane.getAttribute('data-viewer'), { message: path }).toBe('image');
      return pane;
    };
    const loaded = (img: Locator) => expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    // what "Open image in new tab" opens (the page's CSP keeps fetch away from blob: URLs)
    const openImage = async (img: Locator) => {
      const src = (await img.getAttribute('src'))!;
      const [tab] = await Promise.all([page.waitForEvent('popup'), page.evaluate((url) => void window.open(url, '_blank'), src)]);
      await tab.waitForLoadState();
      return tab;
    };

    const pane = await show('steals.svg');
    const img = pane.locator('.image-frame img');
    await loaded(img);
    const src = (await img.getAttribute('src'))!;
    expect(src).toMatch(/^blob:/);
    expect(await pane.locator('.viewer-note').innerText()).toContain('120 × 80 px');
    // drawn sharp for the screen, shown at the SVG's own size when asked
    expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(120 * (await page.evaluate(() => Math.max(1, devicePixelRatio))));
    await pane.getByRole('button', { name: 'Actual size' }).click();
    expect(await img.evaluate((el) => el.getBoundingClientRect().width)).toBe(120);
    await screenshot(page, 'security-svg');
    await pane.getByRole('button', { name: 'Fit to pane' }).click();
    expect(await page.title()).toBe(title);
    await expectInert(page, 'steals.svg', errors, dialogs);

    // opened in a tab of its own it is a PNG, where nothing runs and nothing reads the token
    const tab = await openImage(img);
    expect(await tab.evaluate(() => document.contentType)).toBe('image/png');
    expect(await tab.locator('script').count()).toBe(0);
    expect(await tab.title()).not.toBe('pwned');
    expect(await tab.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await tab.close();
    expect(await page.evaluate(() => localStorage.getItem('stolen'))).toBeNull();

    // an SVG with a viewBox only is drawn 300 px wide (CSS's default), in the viewBox's proportions
    const viewBoxImg = (await show('viewbox.svg')).locator('.image-frame img');
    await loaded(viewBoxImg);
    expect(await page.locator('[data-testid="artifact-preview"][data-path="viewbox.svg"] .viewer-note').innerText()).toContain('300 × 100 px');
    const viewBoxTab = await openImage(viewBoxImg);
    expect(await viewBoxTab.evaluate(() => document.contentType)).toBe('image/png');
    await viewBoxTab.close();

    // one that does not decode says so and offers the file instead
    const broken = await show('broken.svg');
    await broken.getByTestId('svg-failed').waitFor();
    expect(await broken.getByTestId('svg-failed').innerText()).toMatch(/could not be read[\s\S]*Download it/);
    expect(await broken.locator('img').count()).toBe(0);
    await screenshot(page, 'security-svg-broken');
    await expectInert(page, 'broken.svg', errors, dialogs);
    await page.close();
  }, 120_000);

  it('never runs a logged .js artifact as a script of the page, even when a <script> element points at it', async () => {
    const { page } = await open(`#/runs/${imgRun}`);
    const url = `/api/2.0/mlflow-artifacts/artifacts/${experimentId}/${imgRun}/artifacts/evil.js`;
    const outcome = await page.evaluate(
      (src) =>
        new Promise<string>((resolve) => {
          const script = document.createElement('script');
          script.src = src;
          script.onload = () => resolve('loaded');
          script.onerror = () => resolve('refused');
          document.head.append(script);
        }),
      url,
    );
    expect(outcome).toBe('refused');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    // and as bytes it is untyped, whatever its name says
    const type = await page.evaluate(async (src) => (await fetch(src, { headers: { authorization: '' } })).headers.get('content-type'), url);
    expect(type).toBe('application/octet-stream');
    await page.close();
  }, 60_000);

  it('keeps Markdown (descriptions) inside its box: no style attributes or sheets, nothing fixed over the app', async () => {
    for (const [route, box] of [[`#/experiments/${overlayExperiment}`, '[data-testid="experiment-description"] .markdown'], [`#/runs/${overlayRun}`, '.run-description .markdown']] as const) {
      const { page, errors, dialogs } = await open(route);
      const markdown = page.locator(box);
      await markdown.locator('h1').waitFor();
      await screenshot(page, `security-overlay-${route.split('/')[1]}`);
      const probe = await markdown.evaluate((md) => {
        const rect = (el: Element) => el.getBoundingClientRect().toJSON() as DOMRect;
        const styled = md.querySelector('[data-probe="styled"]')!;
        const backdrop = md.querySelector('[data-probe="backdrop"]')!;
        const mdBox = rect(md);
        // what the user sees at the middle of the window and near its bottom corners
        const points = [[innerWidth / 2, innerHeight / 2], [innerWidth - 20, innerHeight - 60], [20, innerHeight - 60]];
        const covered = points.filter(([x, y]) => md.contains(document.elementFromPoint(x!, y!))).length;
        return {
          styleAttrs: md.querySelectorAll('[style]').length,
          styleSheets: md.querySelectorAll('style').length,
          styledPosition: getComputedStyle(styled).position,
          backdropInside: (() => {
            const b = rect(backdrop);
            const visible = { left: Math.max(b.left, mdBox.left), top: Math.max(b.top, mdBox.top), right: Math.min(b.right, mdBox.right), bottom: Math.min(b.bottom, mdBox.bottom) };
            return (visible.right - visible.left) * (visible.bottom - visible.top) <= mdBox.width * mdBox.height;
          })(),
          containsPaint: getComputedStyle(md).contain.includes('paint'),
          covered,
          appVisible: getComputedStyle(document.querySelector('.app')!).visibility,
        };
      });
      expect(probe, route).toEqual({ styleAttrs: 0, styleSheets: 0, styledPosition: 'static', backdropInside: true, containsPaint: true, covered: 0, appVisible: 'visible' });
      // the app around it still takes clicks
      await page.getByTestId('tracking-uri').click({ trial: true, timeout: 5000 });
      await expectInert(page, `overlay ${route}`, errors, dialogs);
      await page.close();
    }
  }, 120_000);

  it('shows the compare page (headers, diff table, chart, parallel coordinates and scatter tooltips) as text', async () => {
    const { page, errors, dialogs } = await open(`#/compare/${imgRun},${scriptRun}`);
    const compare = page.getByTestId('compare-page');
    const table = compare.getByTestId('diff-table');
    await table.locator('table').waitFor();
    expect((await table.locator('thead th a').allTextContents()).sort()).toEqual([IMG, SCRIPT].sort());
    expect(await table.locator('tbody').innerText()).toContain(SVG_ONLOAD);

    const line = compare.locator('[data-metric-key="loss"]').getByTestId('echart');
    await line.waitFor();
    await page.waitForFunction(() => performance.getEntriesByName('sextant:chart-drawn').length > 0);
    expect(await hoverUntil(page, line, IMG, 12, 3)).toContain(SCRIPT);
    await expectInert(page, 'compare line chart', errors, dialogs);

    const parallel = compare.getByTestId('parallel-coordinates').getByTestId('echart');
    expect(await hoverUntil(page, parallel, IMG)).toContain(IMG);
    await screenshot(page, 'security-compare-parallel');
    await expectInert(page, 'parallel coordinates', errors, dialogs);

    // the dots of a text x-axis are spread around their category: hover where the chart drew colour
    const scatter = compare.getByTestId('scatter-plot').getByTestId('echart');
    await scatter.scrollIntoViewIfNeeded();
    const box = (await scatter.boundingBox())!;
    let shown = '';
    for (const spot of await colouredSpots(scatter)) {
      await page.mouse.move(box.x + spot.x, box.y + spot.y);
      shown = await scatter.evaluate((el) => (el as HTMLElement).innerText);
      if (shown.includes('<')) break;
    }
    expect(shown).toMatch(/<img src=x|<script>/);
    await screenshot(page, 'security-compare-scatter');
    await expectInert(page, 'scatter', errors, dialogs);
    await page.close();
  }, 120_000);
});
