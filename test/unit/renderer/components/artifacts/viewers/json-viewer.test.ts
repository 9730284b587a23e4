import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PreviewBody } from '../../../../../../renderer/components/artifacts/PreviewBody';
import { JsonViewer } from '../../../../../../renderer/components/artifacts/viewers/JsonViewer';
import { YamlViewer } from '../../../../../../renderer/components/artifacts/viewers/YamlViewer';

const DOC = JSON.stringify({ rows: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `row ${i}` })) });
/** The first 2,000 bytes of a valid document: what "Load the first 2.0 MB" reads, in small. */
const CUT = DOC.slice(0, 2000);
const bytes = (s: string) => new TextEncoder().encode(s) as Uint8Array<ArrayBuffer>;

describe('JsonViewer', () => {
  it('does not call a preview cut short invalid: it shows the text and says why', () => {
    expect(() => JSON.parse(CUT)).toThrow();
    const html = renderToStaticMarkup(createElement(JsonViewer, { text: CUT, truncated: true, onLoadWhole: () => undefined }));
    expect(html).not.toContain('Not valid JSON');
    expect(html).toContain('data-testid="artifact-partial-note"');
    expect(html).toContain('JSON can only be checked on the whole file');
    expect(html).toContain('Load the whole file');
    expect(html).toContain('class="code-text"');
    expect(html).not.toContain('mode-switch');
  });

  it('still reports a whole file that does not parse', () => {
    const html = renderToStaticMarkup(createElement(JsonViewer, { text: CUT }));
    expect(html).toContain('Not valid JSON');
    expect(html).not.toContain('artifact-partial-note');
  });

  it('shows a whole valid file as a tree', () => {
    const html = renderToStaticMarkup(createElement(JsonViewer, { text: DOC }));
    expect(html).toContain('json-tree');
    expect(html).toContain('mode-switch');
  });
});

describe('YamlViewer', () => {
  it('shows a preview cut short as text, with the same note, and no tree to parse it into', () => {
    const html = renderToStaticMarkup(createElement(YamlViewer, { text: 'a: 1\nb: [1, 2', truncated: true }));
    expect(html).toContain('YAML can only be checked on the whole file');
    expect(html).not.toContain('mode-switch');
    expect(html).not.toContain('Load the whole file');
  });
});

describe('PreviewBody', () => {
  const body = (path: string, text: string, truncated: boolean) =>
    renderToStaticMarkup(createElement(PreviewBody, { runId: 'r1', path, choice: { kind: path.endsWith('.json') ? 'json' : 'yaml' }, bytes: bytes(text), size: 7_900_000, truncated, onLoadWhole: () => undefined }));

  it('tells the JSON viewer when the read was partial', () => {
    const html = body('big.json', CUT, true);
    expect(html).not.toContain('Not valid JSON');
    expect(html).toContain('artifact-partial-note');
    expect(body('big.json', DOC, false)).toContain('json-tree');
  });

  it('tells the YAML viewer too', () => {
    expect(body('big.yaml', 'a: 1\nb: [1, 2', true)).toContain('artifact-partial-note');
  });
});
