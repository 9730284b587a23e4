interface Props {
  aliases: readonly { alias: string; version?: string }[];
  onRemove?: (alias: string) => void;
  /** Offers to serve the model by this alias (models:/name@alias). */
  onServe?: (alias: string) => void;
}

/** Aliases as chips (`@champion`), optionally with the version each points at, a serve and a remove button. */
export function AliasChips({ aliases, onRemove, onServe }: Props) {
  if (aliases.length === 0) return null;
  return (
    <span className="chip-list">
      {aliases.map(({ alias, version }) => (
        <span key={alias} className="alias-chip" data-testid="alias-chip" data-alias={alias} data-version={version}>
          @{alias}
          {version !== undefined && <span className="alias-version">&nbsp;→ v{version}</span>}
          {onServe && (
            <button type="button" className="alias-serve" aria-label={`Serve @${alias}`} title={`Serve the model by @${alias}`} onClick={() => onServe(alias)} data-testid="alias-serve">
              ▶
            </button>
          )}
          {onRemove && (
            <button type="button" aria-label={`Remove alias ${alias}`} title="Remove alias" onClick={() => onRemove(alias)}>
              ×
            </button>
          )}
        </span>
      ))}
    </span>
  );
}
