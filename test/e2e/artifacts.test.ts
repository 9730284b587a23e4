import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cspViolations, e2eTitle, hasChromium, openApp, screenshot, startBrowserMode, type BrowserMode } from './support/browser';
import { binaryBlob, minimalPdf, MLMODEL_YAML, tinyPng } from './support/files';
import { Seeder } from './support/seed';

// The artifact browser of one run holding a file of every kind it previews, uploaded through
// the MLflow artifact REST API: each file opens in its viewer (`data-viewer`), and the HTML
// file's script never runs.

const HTML = `<!doctype html><html><body>
<h1 id="report-title">Training report</h1>
<script>window.__htmlScriptRan = 1; try { parent.__htmlScriptRan = 1; } catch (e) {} document.body.setAttribute('data-ran', 'yes');</script>
<img src="x" onerror="window.__htmlScriptRan = 1; try { parent.__htmlScriptRan = 1; } catch (e) {}">
</body></html>`;

const FILES: { path: string; body: string | Uint8Array; type: string; viewer: string }[] = [
  { path: 'plot.png', body: tinyPng(8, 6), type: 'image/png', viewer: 'image' },
  { path: 'train.py', body: 'import mlflow\n\ndef train(lr: float = 0.1):\n    """Fit."""\n    return lr * 2\n', type: 'text/x-python', viewer: 'code' },
  { path: 'config.json', body: JSON.stringify({ lr: 0.1, layers: [64, 32], optimizer: { name: 'adam' } }), type: 'application/json', viewer: 'json' },
  { path: 'params.yaml', body: 'lr: 0.1\nlayers:\n  - 64\n  - 32\noptimizer:\n  name: adam\n', type: 'application/yaml', viewer: 'yaml' },
  { path: 'README.md', body: '# Experiment notes\n\nSome **bold** text and a list:\n\n- one\n- two\n', type: 'text/markdown', viewer: 'markdown' },
  { path: 'metrics.csv', body: 'epoch,loss,acc\n1,0.9,0.5\n2,0.5,0.7\n3,0.25,0.875\n', type: 'text/csv', viewer: 'table' },
  { path: 'preds.tsv', body: 'id\tlabel\tscore\n7\tcat\t0.9\n8\tdog\t0.4\n', type: 'text/tab-separated-values', viewer: 'table' },
  { path: 'report.html', body: HTML, type: 'text/html', viewer: 'html' },
  { path: 'paper.pdf', body: minimalPdf('Sextant e2e'), type: 'application/pdf', viewer: 'pdf' },
  { path: 'model/MLmodel', body: MLMODEL_YAML, type: 'application/octet-stream', viewer: 'mlmodel' },
  { path: 'model/model.pkl', body: binaryBlob(512), type: 'application/octet-stream', viewer: 'binary' },
  { path: 'weights.bin', body: binaryBlob(1024), type: 'application/octet-stream', viewer: 'binary' },
];
/** Over the 2 MB preview limit: loads only when asked. */
const BIG_LOG = Array.from({ length: 90_000 }, (_, i) => `step ${String(i).padStart(6, '0')} loss=${(1 / (i + 1)).toFixed(6)}`).join('\n') + '\n';

describe.skipIf(!hasChromium)(e2eTitle('artifact previews (browser mode)'), () => {
  let mode: BrowserMode;
  let runId = '';
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    mode = await startBrowserMode();
    const seed = new Seeder(mode.server.url);
    const experimentId = await seed.experiment('artifacts-e2e');
    runId = await seed.run(experimentId, { name: 'with-artifacts', params: { lr: '0.1' }, metrics: { loss: (s) => 1 / (s + 1) }, steps: 5 });
    for (const f of FILES) await seed.artifact(experimentId, runId, f.path, f.body, f.type);
    await seed.artifact(experimentId, runId, 'logs/train.log', BIG_LOG, 'text/plain');
    ({ page, errors } = await openApp(mode, `#/runs/${runId}`));
    await page.getByTestId('run-tab-artifacts').click();
    await page.locator('[data-testid="artifact-entry"][data-path="plot.png"]').waitFor();
  }, 120_000);

  afterAll(async () => {
    await mode?.stop();
  });

  /** Clicks a file in the tree (opening its folder first) and waits for its viewer. */
  async function preview(path: string, viewer: string) {
    const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : null;
    const entry = page.locator(`[data-testid="artifact-entry"][data-path="${path}"]`);
    if (folder && !(await entry.isVisible())) await page.locator(`[data-testid="artifact-entry"][data-path="${folder}"]`).click();
    await entry.click();
    const pane = page.locator(`[data-testid="artifact-preview"][data-path="${path}"]`);
    await pane.waitFor();
    await expect.poll(() => pane.getAttribute('data-viewer'), { message: `viewer of ${path}` }).toBe(viewer);
    return pane;
  }

  it('lists the artifacts, folders first-level only until opened', async () => {
    const top = await page.locator('[data-testid="artifact-tree"] > ul > li > [data-testid="artifact-entry"]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')}:${e.getAttribute('data-path')}`));
    expect(top.sort()).toEqual(
      ['folder:logs', 'folder:model', ...FILES.filter((f) => !f.path.includes('/')).map((f) => `file:${f.path}`)].sort(),
    );
    expect(await page.locator('[data-testid="artifact-entry"][data-path="model/MLmodel"]').count()).toBe(0);
  }, 60_000);

  it('shows a PNG as an image that decodes', async () => {
    const pane = await preview('plot.png', 'image');
    const img = pane.locator('img');
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(8);
    expect(await img.evaluate((el: HTMLImageElement) => el.naturalHeight)).toBe(6);
    expect(await img.getAttribute('src')).toMatch(/^blob:/);
    await screenshot(page, 'artifacts-image');
  }, 60_000);

  it('shows Python as highlighted code with line numbers', async () => {
    const pane = await preview('train.py', 'code');
    await pane.locator('code.hljs.language-python .hljs-keyword').first().waitFor();
    expect(await pane.locator('code').textContent()).toContain('def train(lr: float = 0.1):');
    expect(await pane.locator('.code-gutter').textContent()).toBe('1\n2\n3\n4\n5');
    await screenshot(page, 'artifacts-code');
  }, 60_000);

  it('shows JSON as a tree and YAML as text', async () => {
    const json = await preview('config.json', 'json');
    const jsonText = await json.locator('.preview-body').innerText();
    for (const s of ['lr', '0.1', 'layers', 'optimizer']) expect(jsonText).toContain(s);
    await screenshot(page, 'artifacts-json');

    const yaml = await preview('params.yaml', 'yaml');
    await yaml.locator('code.language-yaml').waitFor();
    expect(await yaml.locator('code').textContent()).toContain('name: adam');
    await screenshot(page, 'artifacts-yaml');
  }, 60_000);

  it('renders Markdown as HTML', async () => {
    const pane = await preview('README.md', 'markdown');
    expect(await pane.locator('.markdown h1').textContent()).toBe('Experiment notes');
    expect(await pane.locator('.markdown strong').textContent()).toBe('bold');
    expect(await pane.locator('.markdown li').allTextContents()).toEqual(['one', 'two']);
    await screenshot(page, 'artifacts-markdown');
  }, 60_000);

  it('shows CSV and TSV as tables', async () => {
    const csv = await preview('metrics.csv', 'table');
    expect(await csv.locator('table.data-table thead th').allTextContents()).toEqual(['#', 'epoch', 'loss', 'acc']);
    expect(await csv.locator('table.data-table tbody tr').count()).toBe(3);
    expect(await csv.locator('table.data-table tbody tr').nth(2).locator('td').allTextContents()).toEqual(['3', '3', '0.25', '0.875']);
    await screenshot(page, 'artifacts-csv');

    const tsv = await preview('preds.tsv', 'table');
    expect(await tsv.locator('table.data-table thead th').allTextContents()).toEqual(['#', 'id', 'label', 'score']);
    expect(await tsv.locator('table.data-table tbody tr').first().locator('td').allTextContents()).toEqual(['1', '7', 'cat', '0.9']);
  }, 60_000);

  it('shows HTML in a sandboxed frame where its script never runs', async () => {
    const pane = await preview('report.html', 'html');
    const frame = pane.locator('iframe');
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).toBe('');
    // the document is there (its heading is rendered) ...
    const inner = pane.frameLocator('iframe');
    expect(await inner.locator('#report-title').textContent()).toBe('Training report');
    // ... but neither the <script> nor the onerror handler ran, in the frame or in the page
    expect(await inner.locator('body').getAttribute('data-ran')).toBeNull();
    expect(await page.evaluate(() => (window as unknown as { __htmlScriptRan?: number }).__htmlScriptRan)).toBeUndefined();
    const handle = await frame.elementHandle();
    const contentFrame = await handle!.contentFrame();
    expect(await contentFrame!.evaluate(() => (window as unknown as { __htmlScriptRan?: number }).__htmlScriptRan)).toBeUndefined();
    expect(await cspViolations(page)).toEqual([]);
    await screenshot(page, 'artifacts-html');
  }, 60_000);

  it('shows a PDF in a frame from a blob: URL', async () => {
    const pane = await preview('paper.pdf', 'pdf');
    const src = await pane.locator('.pdf-view iframe').getAttribute('src');
    expect(src).toMatch(/^blob:/);
    // the frame loaded that blob as a PDF document (the page's CSP keeps fetch() off blob: URLs)
    const frame = await (await pane.locator('.pdf-view iframe').elementHandle())!.contentFrame();
    await expect.poll(() => frame!.evaluate(() => document.contentType).catch((e: Error) => e.message)).toBe('application/pdf');
    expect(frame!.url()).toBe(src);
    await screenshot(page, 'artifacts-pdf');
  }, 60_000);

  it('shows an MLmodel file as flavors and signature', async () => {
    const pane = await preview('model/MLmodel', 'mlmodel');
    expect(await pane.getByTestId('mlmodel-flavor').locator('h4').allTextContents()).toEqual(['python_function', 'sklearn']);
    const schemas = pane.locator('.schemas .schema');
    expect(await schemas.locator('h4').allTextContents()).toEqual(['Inputs', 'Outputs']);
    expect(await schemas.first().locator('tbody tr').allInnerTexts()).toEqual(['sepal_length\tdouble\tyes', 'petal_width\tdouble\tyes']);
    expect(await pane.locator('.snippet code').textContent()).toContain(`mlflow.pyfunc.load_model("runs:/${runId}/model")`);
    await screenshot(page, 'artifacts-mlmodel');
  }, 60_000);

  it('loads a file over the preview limit only when asked', async () => {
    expect(BIG_LOG.length).toBeGreaterThan(2_000_000);
    await page.locator('[data-testid="artifact-entry"][data-path="logs"]').click();
    await page.locator('[data-testid="artifact-entry"][data-path="logs/train.log"]').click();
    const pane = page.locator('[data-testid="artifact-preview"][data-path="logs/train.log"]');
    const load = pane.getByTestId('artifact-load');
    await load.waitFor();
    expect(await pane.getAttribute('data-viewer')).toBeNull();
    expect(await pane.locator('.load-prompt').innerText()).toMatch(/load only when you ask/);
    await screenshot(page, 'artifacts-big-file');
    await load.click();
    await expect.poll(() => pane.getAttribute('data-viewer')).toBe('code');
    expect(await pane.getByTestId('artifact-truncated').count()).toBe(0);
    // the whole file is loaded, but shown 5,000 lines at a time so the page stays responsive
    expect(await pane.getByTestId('text-window-note').innerText()).toMatch(/Showing the first 5,000 of 90,000 lines/);
    const lines = async () => ((await pane.locator('.code-text code').textContent()) ?? '').split('\n').filter(Boolean);
    expect(await lines()).toHaveLength(5000);
    await pane.getByTestId('text-window-more').click();
    await expect.poll(async () => (await lines()).length).toBe(10_000);
    expect(BIG_LOG.split('\n').slice(0, 10_000).join('\n')).toBe((await lines()).join('\n'));
  }, 60_000);

  it('shows binaries as binary, with their size and a download, never decoded', async () => {
    for (const path of ['weights.bin', 'model/model.pkl']) {
      const pane = await preview(path, 'binary');
      expect(await pane.locator('.binary-view').innerText()).toMatch(/Binary file · \d/);
      expect(await pane.getByTestId('artifact-download').count()).toBe(1);
    }
    await screenshot(page, 'artifacts-binary');
    expect(errors).toEqual([]);
  }, 60_000);
});
