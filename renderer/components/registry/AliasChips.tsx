/** Aliases as chips (`@champion`), optionally with the version each points at and a remove button. */
export function AliasChips({ aliases, onRemove }: { aliases: readonly { alias: string; version?: string }[]; onRemove?: (alias: string) => void }) {
  if (aliases.length === 0) return null;
  return (
    <span className="chip-list">
      {aliases.map(({ alias, version }) => (
        <span key={alias} className="alias-chip" data-testid="alias-chip" data-alias={alias} data-version={version}>
          @{alias}
          {version !== undefined && <span className="alias-version">&nbsp;→ v{version}</span>}
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
