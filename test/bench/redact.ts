/** Server output can carry session tokens (e.g. Sextant's "open in browser" URL): never copy them. */
export const redact = (text: string): string => text.replace(/(token=|Bearer\s+|Basic\s+)[^\s&"']+/gi, '$1<redacted>');
