import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TEXT_CHUNK_CHARS } from '../../../../../../renderer/components/artifacts/limits';
import { CodeViewer } from '../../../../../../renderer/components/artifacts/viewers/CodeViewer';

const render = (text: string, partial = false) => renderToStaticMarkup(createElement(CodeViewer, { text, language: 'plaintext', partial }));
const gutter = (html: string) => /<pre class="code-gutter"[^>]*>([^<]*)<\/pre>/.exec(html)?.[1] ?? '';
const n = (x: number) => x.toLocaleString();
/** 400,000 lines, about 23 MB: the log that froze the UI. */
const BIG_LOG = Array.from({ length: 400_000 }, (_, i) => `step ${String(i + 1).padStart(6, '0')} loss=${(1 / (i + 1)).toFixed(12)} lr=0.001 grad=1.2345`).join('\n') + '\n';

describe('CodeViewer', () => {
  it('shows a short text whole, highlighted, with a number per line and no note', () => {
    const html = renderToStaticMarkup(createElement(CodeViewer, { text: 'def f():\n    return 1\n', language: 'python' }));
    expect(gutter(html)).toBe('1\n2');
    expect(html).toContain('<span class="hljs-keyword">def</span>');
    expect(html).not.toContain('text-window-note');
  });

  it('renders only the first 5,000 lines of a 400,000-line log, and says so', () => {
    expect(BIG_LOG.length).toBeGreaterThan(20_000_000);
    const html = render(BIG_LOG);
    expect(gutter(html).split('\n')).toHaveLength(5000);
    expect(gutter(html).endsWith('\n5000')).toBe(true);
    expect(html).toContain('step 005000 ');
    expect(html).not.toContain('step 005001 ');
    expect(html).toContain(`Showing the first ${n(5000)} of ${n(400_000)} lines — Download for the whole file.`);
    expect(html).toContain('data-testid="text-window-more"');
    expect(html.length).toBeLessThan(TEXT_CHUNK_CHARS);
  });

  it('bounds a single huge line by characters, and shows it plain (no highlighting past the limit)', () => {
    const text = `[${'1234567,'.repeat(1_000_000)}0]`;
    const html = renderToStaticMarkup(createElement(CodeViewer, { text, language: 'json' }));
    expect(html.length).toBeLessThan(TEXT_CHUNK_CHARS * 1.1);
    expect(html).not.toContain('hljs');
    expect(html).toContain(`Showing the first ${n(TEXT_CHUNK_CHARS)} of ${n(text.length)} characters (1 of 1 lines)`);
  });

  it('shows minified JSON plain: highlighting one line of tens of thousands of tokens blocks the UI', () => {
    const text = `[${'{"id":1,"name":"row"},'.repeat(10_000)}0]`;
    const html = renderToStaticMarkup(createElement(CodeViewer, { text, language: 'json' }));
    expect(html).not.toContain('hljs');
    expect(html).not.toContain('text-window-note');
  });

  it('marks totals as lower bounds when the text is only the start of the file', () => {
    expect(render(BIG_LOG.slice(0, 2_000_000), true)).toMatch(/Showing the first 5,000 of [\d,]+\+ lines/);
  });
});
