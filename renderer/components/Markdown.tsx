import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo } from 'react';

/**
 * No scripts, event handlers or javascript: links (DOMPurify's defaults), and no styling of its
 * own: a `style` attribute or `<style>` element could lay a div over the whole window or restyle
 * the app. What is left stays inside its box too: `.markdown` contains its paint (styles.css),
 * so not even the app's own classes (a fixed backdrop) can draw outside it.
 */
const PURIFY = { USE_PROFILES: { html: true }, FORBID_ATTR: ['style'], FORBID_TAGS: ['style'] };

/** Markdown from run notes, descriptions and artifacts: parsed with `marked`, then sanitised. */
export function Markdown({ source, className }: { source: string; className?: string }) {
  const html = useMemo(() => DOMPurify.sanitize(marked.parse(source, { async: false, gfm: true }), PURIFY), [source]);
  // sanitised above: this is the one place Markdown becomes HTML
  return <div className={`markdown ${className ?? ''}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
