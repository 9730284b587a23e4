import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../../../renderer/components/charts/escape-html';

describe('escapeHtml', () => {
  it('turns every character that can start markup into an entity', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&\``)).toBe('&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;&#96;');
  });

  it('leaves plain text alone and stringifies non-strings', () => {
    expect(escapeHtml('train/loss 0.5')).toBe('train/loss 0.5');
    expect(escapeHtml(42)).toBe('42');
    expect(escapeHtml(null)).toBe('');
  });

  it('does not double-decode: an entity in the input stays visible text', () => {
    expect(escapeHtml('&lt;b&gt;')).toBe('&amp;lt;b&amp;gt;');
  });
});
