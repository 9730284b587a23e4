/** `name (imported)`, then `name (imported 2)`, ...: the first that `taken` does not refuse. */
export function freeName(name: string, taken: (candidate: string) => boolean): string {
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? `${name} (imported)` : `${name} (imported ${i})`;
    if (!taken(candidate)) return candidate;
  }
}
