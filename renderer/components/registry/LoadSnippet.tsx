import { useState } from 'react';
import { loadSnippet, type LoadSnippetInput } from './load-snippet';

/** The Python that loads this version, by alias and by number, with a copy button. */
export function LoadSnippet(props: LoadSnippetInput) {
  const code = loadSnippet(props);
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(code).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  };
  return (
    <div className="load-snippet">
      <pre data-testid="load-snippet">{code}</pre>
      <button type="button" data-testid="load-snippet-copy" onClick={copy}>{copied ? 'Copied' : 'Copy'}</button>
    </div>
  );
}
