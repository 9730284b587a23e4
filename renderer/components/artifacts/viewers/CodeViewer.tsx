import { useMemo } from 'react';
import { highlightToHtml } from '../highlight';
import { HIGHLIGHT_LIMIT } from '../limits';
import type { CodeLanguage } from '../viewer-choice';

/**
 * Text with line numbers, highlighted by highlight.js (which escapes the text; see
 * highlight.ts). Past HIGHLIGHT_LIMIT the text is shown plain, as React text.
 */
export function CodeViewer({ text, language }: { text: string; language: CodeLanguage }) {
  const lineNumbers = useMemo(() => {
    const n = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    return Array.from({ length: Math.max(n, 1) }, (_, i) => i + 1).join('\n');
  }, [text]);
  const html = useMemo(() => (text.length <= HIGHLIGHT_LIMIT ? highlightToHtml(text, language) : null), [text, language]);
  return (
    <div className="code-view">
      <pre className="code-gutter" aria-hidden="true">{lineNumbers}</pre>
      <pre className="code-text">
        {html === null ? (
          <code>{text}</code>
        ) : (
          // highlight.js output: the text escaped, plus its own <span class="hljs-…">
          <code className={`hljs language-${language}`} dangerouslySetInnerHTML={{ __html: html }} />
        )}
      </pre>
    </div>
  );
}
