import { describe, expect, it } from 'vitest';
import { highlightToHtml } from '../../../../../renderer/components/artifacts/highlight';

describe('highlightToHtml', () => {
  it('escapes markup in code so it cannot become elements', () => {
    const html = highlightToHtml('x = "</code><script>alert(1)</script><img src=x onerror=alert(1)>"', 'python');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
    expect(html.replace(/<span class="[\w -]+">|<\/span>/g, '')).not.toMatch(/[<>]/);
  });

  it('escapes markup in every registered language, including plain text and HTML-like XML', () => {
    for (const lang of ['plaintext', 'xml', 'markdown', 'json', 'yaml', 'bash', 'javascript', 'typescript', 'sql', 'ini'] as const) {
      const html = highlightToHtml('<script>alert("x")</script> & <b onmouseover=1>', lang);
      expect(html.replace(/<span class="[\w -]+">|<\/span>/g, ''), lang).not.toMatch(/[<>]/);
    }
  });

  it('marks up Python keywords and strings', () => {
    const html = highlightToHtml('def f():\n    return "hi"', 'python');
    expect(html).toContain('<span class="hljs-keyword">def</span>');
    expect(html).toContain('<span class="hljs-string">&quot;hi&quot;</span>');
  });
});
