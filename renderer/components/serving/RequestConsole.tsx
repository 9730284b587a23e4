import { useEffect, useState } from 'react';
import { useApp } from '../../app-context';
import { createConsoleStore, useConsole } from '../../state/serving-console-store';
import { CSV_TYPE, formatJson, JSON_TYPE, prettyBody, statusLine } from '../../state/serving-console';
import { servingPort } from '../../state/serving-port';

interface Props {
  serverId: string;
  modelUri: string;
  /** Only a ready server takes requests. */
  ready: boolean;
}

const SOURCE_NOTE: Record<string, string> = {
  input_example: 'Filled in from the model’s input example.',
  signature: 'Filled in from the model’s signature (placeholder values).',
  none: 'The model has no input example or signature: write the body.',
};

/**
 * The request console: a JSON (or CSV) body, pre-filled from the model's input example or
 * signature, sent as POST /invocations through Sextant; the answer's status, latency and body.
 */
export function RequestConsole({ serverId, modelUri, ready }: Props) {
  const { api } = useApp();
  const [store] = useState(() => createConsoleStore(servingPort(api), modelUri));
  useEffect(() => void store.getState().loadExample(), [store]);
  const c = useConsole(store, (s) => s);
  const s = store.getState();
  const send = () => void s.send(serverId);
  const pretty = c.response ? prettyBody(c.response.body) : null;
  const ok = c.response !== null && c.response.status >= 200 && c.response.status < 300;
  return (
    <div className="request-console" data-testid="request-console">
      <div className="request-pane">
        <div className="console-bar">
          <h3>Request</h3>
          <span className="console-post">POST /invocations</span>
          <select aria-label="Content type" value={c.contentType} onChange={(e) => s.setContentType(e.target.value === CSV_TYPE ? CSV_TYPE : JSON_TYPE)} data-testid="console-content-type">
            <option value={JSON_TYPE}>JSON</option>
            <option value={CSV_TYPE}>CSV</option>
          </select>
          {c.contentType === JSON_TYPE && <button type="button" onClick={() => s.setBody(formatJson(c.body))}>Format</button>}
        </div>
        <textarea
          className="console-body"
          aria-label="Request body"
          spellCheck={false}
          value={c.body}
          rows={12}
          onChange={(e) => s.setBody(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              if (ready) send();
            }
          }}
          data-testid="console-body"
        />
        <div className="console-actions">
          <button type="button" className="primary" onClick={send} disabled={!ready || c.sending} data-testid="console-send" title="Send (Ctrl+Enter)">
            {c.sending ? 'Sending…' : 'Send'}
          </button>
          <span className="console-source" data-testid="console-source">
            {c.exampleStatus === 'loading' ? 'Reading the model’s input example…' : c.exampleSource && !c.edited ? (SOURCE_NOTE[c.exampleSource] ?? c.exampleSource) : ''}
          </span>
        </div>
        {!ready && <p className="serve-note">The server takes requests once it is ready.</p>}
        {c.error && <p className="error-note" role="alert" data-testid="console-error">{c.error}</p>}
      </div>
      <div className="response-pane" data-testid="console-response" data-status={c.response?.status ?? ''}>
        <div className="console-bar">
          <h3>Response</h3>
          {c.response && (
            <span className={`console-status ${ok ? 'ok' : 'bad'}`} data-testid="console-status">
              {statusLine(c.response.status, c.response.ms)}
            </span>
          )}
        </div>
        {pretty ? (
          <pre className="console-answer" data-testid="console-answer">{pretty.text || '(empty body)'}</pre>
        ) : (
          <p className="muted console-empty">Send a request to see the model’s answer.</p>
        )}
      </div>
    </div>
  );
}
