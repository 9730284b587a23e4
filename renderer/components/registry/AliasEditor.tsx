import { useId, useState } from 'react';
import { ErrorNote } from '../ErrorNote';
import { AliasChips } from './AliasChips';
import { aliasEffect, aliasError, aliasesOf, type AliasRef } from './alias-rules';

interface Props {
  /** Every alias of the model. */
  aliases: readonly AliasRef[];
  /** Versions to choose from, newest first (ignored with `fixedVersion`). */
  versions: readonly string[];
  /** On a version's page: aliases are set on this version only. */
  fixedVersion?: string;
  onSet(alias: string, version: string): Promise<void>;
  onDelete(alias: string): Promise<void>;
  /** Offers Serve on each alias chip. */
  onServe?: (alias: string) => void;
}

/** Set an alias on a version, move it to another one, or remove it. */
export function AliasEditor({ aliases, versions, fixedVersion, onSet, onDelete, onServe }: Props) {
  const listId = useId();
  const [alias, setAlias] = useState('');
  const [picked, setPicked] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const version = fixedVersion ?? (picked || versions[0] || '');
  const name = alias.trim();
  const effect = name && version ? aliasEffect(aliases, name, version) : null;
  const shown = fixedVersion ? aliasesOf(aliases, fixedVersion).map((a) => ({ alias: a })) : [...aliases].sort((a, b) => a.alias.localeCompare(b.alias));

  const run = (fn: () => Promise<void>, after?: () => void) => {
    setBusy(true);
    fn().then(() => { setError(null); after?.(); }, (e: Error) => setError(e.message)).finally(() => setBusy(false));
  };
  const submit = () => {
    const problem = aliasError(name) ?? (version ? null : 'Choose a version.');
    if (problem) return setError(problem);
    if (effect === 'noop') return setError(`@${name} already points at version ${version}.`);
    run(() => onSet(name, version), () => setAlias(''));
  };
  const remove = (a: string) => {
    const holder = aliases.find((x) => x.alias === a)?.version;
    if (window.confirm(`Remove alias @${a} from version ${holder}? Code loading it by this alias will fail until it is set again.`)) run(() => onDelete(a));
  };

  return (
    <div className="alias-editor">
      {shown.length > 0 ? <AliasChips aliases={shown} onRemove={remove} {...(onServe ? { onServe } : {})} /> : <p className="muted">{fixedVersion ? 'No alias points at this version.' : 'No aliases yet.'}</p>}
      <form className="reg-form" onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <input data-testid="alias-input" aria-label="Alias name" placeholder="alias, e.g. champion" value={alias} list={listId} maxLength={255}
          onChange={(e) => setAlias(e.target.value)} />
        <datalist id={listId}>
          {aliases.map((a) => <option key={a.alias} value={a.alias} />)}
        </datalist>
        {!fixedVersion && (
          <select aria-label="Version for the alias" data-testid="alias-version" value={version} onChange={(e) => setPicked(e.target.value)}>
            {versions.map((v) => <option key={v} value={v}>Version {v}</option>)}
          </select>
        )}
        <button type="submit" className="primary" data-testid="alias-set" disabled={busy || !name}>
          {effect && typeof effect === 'object' ? 'Move alias' : 'Set alias'}
        </button>
      </form>
      {effect && typeof effect === 'object' && <p className="reg-hint">@{name} is on version {effect.movesFrom}; this moves it to version {version}.</p>}
      {error && <ErrorNote message={error} />}
    </div>
  );
}
