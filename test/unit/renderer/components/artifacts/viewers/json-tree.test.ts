import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { JsonTree } from '../../../../../../renderer/components/artifacts/viewers/JsonTree';

const render = (value: unknown) => renderToStaticMarkup(createElement(JsonTree, { value }));
const rows = (html: string) => html.split('class="json-row"').length - 1;
const obj = (n: number, make: (i: number) => unknown) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, make(i)]));

describe('JsonTree', () => {
  it('opens the root and its children when there are few', () => {
    const html = render({ model: { lr: 0.1, layers: [64, 32] }, data: { path: 'x' } });
    expect(html).toContain('>lr: <');
    expect(html).toContain('>path: <');
  });

  it('keeps a huge document bounded: the root children of a wide root start closed', () => {
    const html = render(obj(150, () => obj(150, (j) => j)));
    expect(rows(html)).toBeLessThanOrEqual(151);
    expect(html).toContain('150 keys');
  });

  it('never renders more than 200 children of one node at first', () => {
    const html = render(Array.from({ length: 10_000 }, (_, i) => i));
    expect(rows(html)).toBe(201);
    expect(html).toContain('9800 more');
  });

  it('shows the start of a very long string, with how much is left out', () => {
    const html = render({ blob: 'x'.repeat(50_000) });
    expect(html.length).toBeLessThan(11_000);
    expect(html).toContain(`${(40_000).toLocaleString()} more characters`);
  });
});
