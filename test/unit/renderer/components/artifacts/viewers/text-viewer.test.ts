import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TextViewer } from '../../../../../../renderer/components/artifacts/viewers/TextViewer';

const LOG = Array.from({ length: 20_000 }, (_, i) => `step ${String(i + 1).padStart(6, '0')} loss=${(1 / (i + 1)).toFixed(6)}`).join('\n') + '\n';
const render = (props: { text: string; offset?: number; truncated?: boolean; following?: boolean }) =>
  renderToStaticMarkup(createElement(TextViewer, { language: 'plaintext', offset: 0, truncated: false, following: false, onTail: () => {}, onFollow: () => {}, ...props }));
const gutter = (html: string) => /<pre class="code-gutter"[^>]*>([^<]*)<\/pre>/.exec(html)?.[1] ?? null;

describe('TextViewer', () => {
  it('shows the toolbar and the first 5,000 lines of a long log, numbered', () => {
    const html = render({ text: LOG });
    for (const id of ['text-search', 'text-search-next', 'text-search-prev', 'text-wrap', 'text-tail', 'text-follow']) expect(html).toContain(`data-testid="${id}"`);
    expect(gutter(html)?.split('\n')).toHaveLength(5000);
    expect(html).toContain('step 005000 ');
    expect(html).not.toContain('step 005001 ');
    expect(html).toContain('Showing the first 5,000 of 20,000 lines.');
  });

  it('shows the end of a text read from the middle of the file, without line numbers it cannot know', () => {
    const html = render({ text: LOG, offset: 123_456 });
    expect(gutter(html)).toBeNull();
    expect(html).toContain('step 020000 ');
    expect(html).not.toContain('step 015000 ');
    expect(html).toContain('Showing 5,000 of the last 20,000 lines read.');
    expect(html).toContain('data-testid="text-window-earlier"');
  });

  it('shows the end of a followed log', () => {
    const html = render({ text: LOG, following: true });
    expect(html).toContain('step 020000 ');
    expect(html).toContain('data-following="true"');
    expect(html).toMatch(/data-testid="text-follow"[^>]*>|aria-pressed="true"[^>]*data-testid="text-follow"/);
  });
});

describe('TextBody wrapped', () => {
  it('lays wrapped lines out a row each, numbered, with matches marked', async () => {
    const { TextBody } = await import('../../../../../../renderer/components/artifacts/viewers/TextBody');
    const { findMatches } = await import('../../../../../../renderer/components/artifacts/text-search');
    const text = 'alpha\nbeta loss\n\ngamma loss\n';
    const html = renderToStaticMarkup(
      createElement(TextBody, { text, start: 0, end: text.length, firstLine: 41, lines: 4, html: null, language: 'plaintext', matches: findMatches(text, 'loss'), current: 1, wrap: true }),
    );
    expect([...html.matchAll(/<span class="code-line-n"[^>]*>(\d+)<\/span>/g)].map((m) => m[1])).toEqual(['41', '42', '43', '44']);
    expect(html).toContain('<mark class="text-match">loss</mark>');
    expect(html).toContain('<mark class="text-match current" data-testid="text-match-current">loss</mark>');
    expect(html).not.toContain('code-gutter');
  });
});
