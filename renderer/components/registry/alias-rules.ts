/** Aliases: MLflow's naming rules (checked before asking the server) and who holds which. */

export interface AliasRef {
  alias: string;
  version: string;
}

/** Why an alias name is refused, as MLflow says it, or null when it is fine. */
export function aliasError(alias: string): string | null {
  if (!alias) return 'An alias needs a name.';
  if (alias.length > 255) return 'Alias names are at most 255 characters.';
  if (!/^[\w-]+$/.test(alias)) return 'Alias names may only contain letters, digits, underscores and dashes.';
  if (alias.toLowerCase() === 'latest') return "'latest' is reserved.";
  if (/^v\d+$/i.test(alias)) return `'${alias}' is reserved: v<number> names a version.`;
  return null;
}

/** The version holding `alias`, or null. */
export const aliasHolder = (aliases: readonly AliasRef[] | undefined, alias: string): string | null =>
  aliases?.find((a) => a.alias === alias)?.version ?? null;

/** The aliases of one version, sorted. */
export const aliasesOf = (aliases: readonly AliasRef[] | undefined, version: string): string[] =>
  (aliases ?? []).filter((a) => a.version === version).map((a) => a.alias).sort();

/** What setting `alias` on `version` will do, for the editor's hint. */
export function aliasEffect(aliases: readonly AliasRef[] | undefined, alias: string, version: string): 'new' | 'noop' | { movesFrom: string } {
  const holder = aliasHolder(aliases, alias);
  if (holder === null) return 'new';
  return holder === version ? 'noop' : { movesFrom: holder };
}
