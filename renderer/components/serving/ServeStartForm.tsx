import { useState } from 'react';
import { ENV_MANAGERS, isEnvManager, type EnvManager } from '../../../shared/ipc/env-managers';
import type { StartServerInput } from '../../state/serving-types';

interface Props {
  modelUri: string;
  onStart(input: StartServerInput): Promise<unknown>;
}

const ENV_LABEL: Record<EnvManager, string> = {
  local: 'local (the Python on PATH)',
  virtualenv: 'virtualenv (from the model’s python_env.yaml)',
  uv: 'uv (from the model’s python_env.yaml)',
};

/** Port and environment for a new scoring server; the refusal (port in use, model not found) shown in place. */
export function ServeStartForm({ modelUri, onStart }: Props) {
  const [port, setPort] = useState('');
  const [env, setEnv] = useState<EnvManager>('local');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const portText = port.trim();
  const portNumber = Number(portText);
  const portProblem = portText === '' ? null : /^\d+$/.test(portText) && portNumber >= 1 && portNumber <= 65_535 ? null : 'The port is a whole number from 1 to 65535.';
  const submit = () => {
    if (portProblem) return setError(portProblem);
    setBusy(true);
    setError(null);
    onStart({ modelUri, envManager: env, ...(portText ? { port: portNumber } : {}) }).then(
      () => setBusy(false),
      (e: Error) => (setError(e.message), setBusy(false)),
    );
  };
  return (
    <form className="serve-start" onSubmit={(e) => (e.preventDefault(), submit())} data-testid="serve-start-form">
      <label>
        <span>Port</span>
        <input type="text" inputMode="numeric" value={port} placeholder="5001" onChange={(e) => setPort(e.target.value)} aria-invalid={portProblem ? true : undefined} data-testid="serve-port" />
      </label>
      <label>
        <span>Environment</span>
        <select value={env} onChange={(e) => setEnv(isEnvManager(e.target.value) ? e.target.value : 'local')} data-testid="serve-env-manager">
          {ENV_MANAGERS.map((m) => <option key={m} value={m}>{ENV_LABEL[m]}</option>)}
        </select>
      </label>
      <button type="submit" className="primary" disabled={busy} data-testid="serve-start">
        {busy ? 'Starting…' : 'Start server'}
      </button>
      <p className="serve-note">Listens on 127.0.0.1 only; stops when Sextant quits.</p>
      {(error ?? portProblem) && <p className="error-note" role="alert" data-testid="serve-start-error">{error ?? portProblem}</p>}
    </form>
  );
}
