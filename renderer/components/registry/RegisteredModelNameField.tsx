import { useId } from 'react';

interface Props {
  name: string;
  onName(name: string): void;
  /** The registered models there are: offered as the name is typed, and told apart from a new one. */
  names: readonly string[];
}

/** The name a model is registered under, new or existing, and what registering under it will do. */
export function RegisteredModelNameField({ name, onName, names }: Props) {
  const listId = useId();
  const trimmed = name.trim();
  return (
    <>
      <label className="field">
        Registered model
        <input data-testid="register-model-name" value={name} onChange={(e) => onName(e.target.value)} list={listId} maxLength={256} placeholder="new or existing model name" autoFocus />
        <datalist id={listId}>
          {names.map((n) => <option key={n} value={n} />)}
        </datalist>
      </label>
      {trimmed && (
        <p className="reg-hint" data-testid="register-hint">
          {names.includes(trimmed) ? `Adds a new version to "${trimmed}".` : `Creates the registered model "${trimmed}" with this as version 1.`}
        </p>
      )}
    </>
  );
}
