/** Python that loads a registered model version, by each of its aliases and by number. */
export interface LoadSnippetInput {
  name: string;
  version: string;
  aliases: readonly string[];
  /** The local server's URI, so the code reaches this registry; omitted when unknown. */
  trackingUri?: string | null;
}

/** A Python string literal for any text: JSON's escapes are all valid in Python. */
const py = (s: string) => JSON.stringify(s);

export const aliasUri = (name: string, alias: string) => `models:/${name}@${alias}`;
export const versionUri = (name: string, version: string) => `models:/${name}/${version}`;

export function loadSnippet({ name, version, aliases, trackingUri }: LoadSnippetInput): string {
  const lines = ['import mlflow', ''];
  if (trackingUri) lines.push(`mlflow.set_tracking_uri(${py(trackingUri)})`, '');
  if (aliases.length > 0) {
    lines.push(aliases.length === 1 ? '# By alias (follows the alias when it moves):' : '# By alias (each follows its alias when it moves):');
    for (const alias of aliases) lines.push(`model = mlflow.pyfunc.load_model(${py(aliasUri(name, alias))})`);
    lines.push('');
  }
  lines.push('# This exact version:', `model = mlflow.pyfunc.load_model(${py(versionUri(name, version))})`);
  return lines.join('\n');
}
