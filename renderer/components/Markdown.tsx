import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo } from 'react';

/**
 * Markdown from run notes, descriptions and artifacts: parsed with `marked`, then sanitised with
 * DOMPurify (no scripts, no event handlers, no javascript: links) before it reaches the DOM.
 */
export function Markdown({ source, className }: { source: string; className?: string }) {
  const html = useMemo(() => DOMPurify.sanitize(marked.parse(source, { async: false, gfm: true }), { USE_PROFILES: { html: true } }), [source]);
  // sanitised above: this is the one place Markdown becomes HTML
  return <div className={`markdown ${className ?? ''}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
